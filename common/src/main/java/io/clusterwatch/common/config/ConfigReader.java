package io.clusterwatch.common.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Reads a YAML configuration file into a record, strictly: keys are snake_case spellings of the
 * record components ({@code maxFrame} is {@code max_frame}), a key the record does not have is an
 * error naming its full path (and its new spelling when it is a {@link RenamedKeys renamed} one),
 * durations use {@link Durations} and byte sizes {@link ByteSize}. Absent keys and sections arrive
 * as {@code null} in the record's compact constructor, which puts its defaults in.
 *
 * <p>Every problem surfaces as one {@link ConfigException} whose message starts with the file and
 * the key path, so that a start-up script can print it as one line.
 */
public final class ConfigReader {
  private final ObjectMapper yaml;
  private final RenamedKeys renamed;

  public ConfigReader(RenamedKeys renamed) {
    this.renamed = renamed;
    SimpleModule units = new SimpleModule("clusterwatch-config-units");
    units.addDeserializer(Duration.class, new TextDeserializer<>(Duration.class, Durations::parse));
    units.addDeserializer(ByteSize.class, new ByteSizeDeserializer());
    units.addDeserializer(
        Pattern.class, new TextDeserializer<>(Pattern.class, ConfigReader::regex));
    units.addDeserializer(
        Instant.class, new TextDeserializer<>(Instant.class, ConfigReader::instant));
    this.yaml =
        JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .addModule(units)
            .build();
  }

  /** Reads {@code file}; a missing file is an error naming it. */
  public <T> T read(Path file, Class<T> type) {
    return bind(tree(file), file.toString(), type);
  }

  /**
   * Reads YAML {@code text}; {@code source} (a file name) starts every error message. An empty
   * document gives the record's defaults.
   */
  public <T> T read(String text, String source, Class<T> type) {
    return bind(tree(text, source), source, type);
  }

  /**
   * The YAML tree of {@code file}, before binding, for a command that lays its flags over the file
   * ({@link ObjectNode#put}) and then {@link #bind binds} the result. An empty file is an empty
   * mapping.
   */
  public ObjectNode tree(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("", "no such configuration file").from(file.toString());
    } catch (IOException e) {
      throw new ConfigException("", "cannot read: " + e.getMessage()).from(file.toString());
    }
    return tree(text, file.toString());
  }

  /** The YAML tree of {@code text}; {@code source} names it in errors. */
  public ObjectNode tree(String text, String source) {
    JsonNode tree;
    try {
      tree = yaml.readTree(text);
    } catch (JsonProcessingException e) {
      throw translate(e, null).from(source);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!tree.isObject()) {
      throw new ConfigException("", "the configuration must be a YAML mapping of keys to values")
          .from(source);
    }
    return (ObjectNode) tree;
  }

  /**
   * Binds a whole document's {@code tree} to {@code type}; {@code source} starts every error
   * message.
   */
  public <T> T bind(JsonNode tree, String source, Class<T> type) {
    try {
      return yaml.treeToValue(tree, type);
    } catch (ConfigException e) {
      throw e.from(source);
    } catch (JsonProcessingException e) {
      throw translate(e, tree).from(source);
    }
  }

  /** Binds an already parsed tree (a section handed over by another reader) to {@code type}. */
  public <T> T convert(JsonNode tree, String path, Class<T> type) {
    try {
      return yaml.treeToValue(tree, type);
    } catch (ConfigException e) {
      throw e.under(path);
    } catch (JsonProcessingException e) {
      throw translate(e, tree, path).under(path);
    }
  }

  private ConfigException translate(JsonProcessingException e, JsonNode tree) {
    return translate(e, tree, "");
  }

  /**
   * @param at where {@code tree} sits in the document, to look renamed keys up by their full path
   */
  private ConfigException translate(JsonProcessingException e, JsonNode tree, String at) {
    String path =
        e instanceof JsonMappingException ? pathOf(((JsonMappingException) e).getPath()) : "";
    if (e instanceof UnrecognizedPropertyException) {
      UnrecognizedPropertyException u = (UnrecognizedPropertyException) e;
      return renamed
          .replacement(at.isEmpty() ? path : at + "." + path)
          .map(n -> new ConfigException(path, "this key was renamed: write " + n + " instead"))
          .orElseGet(
              () -> new ConfigException(path, "unknown key" + known(u.getKnownPropertyIds())));
    }
    if (e instanceof ValueInstantiationException) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigException) {
        return ((ConfigException) cause).under(path);
      }
      return new ConfigException(path, cause == null ? e.getOriginalMessage() : cause.getMessage());
    }
    if (e instanceof InvalidFormatException) {
      InvalidFormatException f = (InvalidFormatException) e;
      if (f.getTargetType() == Duration.class
          || f.getTargetType() == ByteSize.class
          || f.getTargetType() == Pattern.class
          || f.getTargetType() == Instant.class) {
        return new ConfigException(path, f.getOriginalMessage());
      }
      return new ConfigException(
          path, "expected " + describe(f.getTargetType()) + ", got '" + f.getValue() + "'");
    }
    if (e instanceof MismatchedInputException) {
      MismatchedInputException m = (MismatchedInputException) e;
      JsonNode given = valueAt(tree, m.getPath());
      String got = given != null && given.isValueNode() ? ", got '" + given.asText() + "'" : "";
      return new ConfigException(path, "expected " + describe(m.getTargetType()) + got);
    }
    String location = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
    return new ConfigException(path, "not valid YAML" + location + ": " + e.getOriginalMessage());
  }

  private static String known(Collection<Object> ids) {
    if (ids == null || ids.isEmpty()) {
      return "";
    }
    TreeSet<String> names =
        ids.stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
    return " (known keys here: " + String.join(", ", names) + ")";
  }

  /** The node the error points at, to quote what was written; null when it cannot be found. */
  private static JsonNode valueAt(JsonNode tree, List<JsonMappingException.Reference> refs) {
    JsonNode node = tree;
    for (JsonMappingException.Reference r : refs) {
      if (node == null) {
        return null;
      }
      node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
    }
    return node;
  }

  private static String pathOf(List<JsonMappingException.Reference> refs) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "another kind of value";
    }
    if (type == Duration.class) {
      return "a duration (" + Durations.SYNTAX + ")";
    }
    if (type == ByteSize.class) {
      return "a byte size (" + ByteSize.SYNTAX + ")";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class
        || type == Double.class
        || type == float.class
        || type == Float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (type.isEnum()) {
      Object[] values = type.getEnumConstants();
      return "one of "
          + java.util.Arrays.stream(values)
              .map(v -> v.toString().toLowerCase(java.util.Locale.ROOT))
              .collect(Collectors.joining(", "));
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (type.isRecord() || java.util.Map.class.isAssignableFrom(type)) {
      return "a mapping of keys to values";
    }
    return "a " + type.getSimpleName();
  }

  private static Pattern regex(String text) {
    try {
      return Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "not a valid regular expression: " + e.getDescription() + " in '" + text + "'", e);
    }
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a UTC time (2026-01-31T08:00:00Z)", e);
    }
  }

  /**
   * A scalar read through {@code parse}; its {@link IllegalArgumentException} becomes the error.
   */
  private static final class TextDeserializer<T> extends JsonDeserializer<T> {
    private final Class<T> type;
    private final java.util.function.Function<String, T> parse;

    TextDeserializer(Class<T> type, java.util.function.Function<String, T> parse) {
      this.type = type;
      this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING) && !p.currentToken().isScalarValue()) {
        return type.cast(ctxt.handleUnexpectedToken(type, p));
      }
      String text = p.getValueAsString();
      try {
        return parse.apply(text);
      } catch (IllegalArgumentException e) {
        throw InvalidFormatException.from(p, e.getMessage(), text, type);
      }
    }
  }

  /** Byte sizes also come as plain YAML integers ({@code 65536}). */
  private static final class ByteSizeDeserializer extends JsonDeserializer<ByteSize> {
    private final TextDeserializer<ByteSize> text =
        new TextDeserializer<>(ByteSize.class, ByteSize::parse);

    @Override
    public ByteSize deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
        long n = p.getLongValue();
        if (n < 0) {
          throw InvalidFormatException.from(
              p, "a byte size cannot be negative: " + n, n, ByteSize.class);
        }
        return new ByteSize(n);
      }
      return text.deserialize(p, ctxt);
    }
  }
}
