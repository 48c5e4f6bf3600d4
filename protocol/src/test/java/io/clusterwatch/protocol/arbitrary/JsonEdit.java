package io.clusterwatch.protocol.arbitrary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One hostile edit of a JSON text frame: on the tree (a value replaced by a {@link HostileJson}
 * value, a field removed, added or given twice) or on the text (truncation, deletion, insertion, a
 * flipped bit in its UTF-8 bytes). Positions are taken modulo what the edit meets, so edits stack;
 * a tree edit of text that no longer parses leaves it as it is.
 */
public sealed interface JsonEdit {
  String apply(String json);

  /** Replaces value number {@code slot} (depth-first, root excluded) with raw {@code value}. */
  record ReplaceValue(int slot, HostileJson.Value value) implements JsonEdit {
    @Override
    public String apply(String json) {
      return Tree.edit(
          json,
          (tree, raw) -> {
            List<Tree.Slot> slots = Tree.slots(tree);
            if (!slots.isEmpty()) {
              slots.get(Math.floorMod(slot, slots.size())).set(raw.add(value.text()));
            }
          });
    }
  }

  /** Removes value number {@code slot}: a field of its object or an element of its array. */
  record RemoveValue(int slot) implements JsonEdit {
    @Override
    public String apply(String json) {
      return Tree.edit(
          json,
          (tree, raw) -> {
            List<Tree.Slot> slots = Tree.slots(tree);
            if (!slots.isEmpty()) {
              slots.get(Math.floorMod(slot, slots.size())).remove();
            }
          });
    }
  }

  /**
   * Adds field {@code name} with raw {@code value} to object number {@code object}; a name the
   * object has already makes it a field given twice.
   */
  record AddField(int object, String name, HostileJson.Value value) implements JsonEdit {
    @Override
    public String apply(String json) {
      return Tree.edit(
          json,
          (tree, raw) -> {
            List<ObjectNode> objects = Tree.objects(tree);
            if (!objects.isEmpty()) {
              ObjectNode o = objects.get(Math.floorMod(object, objects.size()));
              // A placeholder name, so that the written text may repeat a name the object has.
              o.set(raw.add(HostileJson.quote(name)), raw.addNode(value.text()));
            }
          });
    }
  }

  /** Keeps the first {@code keep} characters. */
  record Truncate(int keep) implements JsonEdit {
    @Override
    public String apply(String json) {
      return json.substring(0, Math.floorMod(keep, json.length() + 1));
    }
  }

  /** Removes up to {@code length} characters from {@code from}. */
  record DeleteText(int from, int length) implements JsonEdit {
    @Override
    public String apply(String json) {
      if (json.isEmpty()) {
        return json;
      }
      int start = Math.floorMod(from, json.length());
      int end = Math.min(json.length(), start + Math.floorMod(length, 16) + 1);
      return json.substring(0, start) + json.substring(end);
    }
  }

  /** Inserts {@code text} at {@code at}. */
  record InsertText(int at, String text) implements JsonEdit {
    @Override
    public String apply(String json) {
      int i = Math.floorMod(at, json.length() + 1);
      return json.substring(0, i) + text + json.substring(i);
    }
  }

  /**
   * Flips bit {@code bit} of byte {@code position} of the UTF-8 text and decodes it again, as a
   * lenient reader would: broken sequences become U+FFFD.
   */
  record FlipUtf8Bit(int position, int bit) implements JsonEdit {
    @Override
    public String apply(String json) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      if (bytes.length == 0) {
        return json;
      }
      bytes[Math.floorMod(position, bytes.length)] ^= (byte) (1 << Math.floorMod(bit, 8));
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** Parsing, walking and writing with raw text spliced in where placeholders stand. */
  final class Tree {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Tree() {}

    interface Edit {
      void apply(JsonNode tree, RawValues raw);
    }

    /** Raw snippets behind unique placeholder strings, spliced in after writing. */
    static final class RawValues {
      private final List<String> values = new ArrayList<>();

      String add(String rawText) {
        values.add(rawText);
        return placeholder(values.size() - 1);
      }

      TextNode addNode(String rawText) {
        return TextNode.valueOf(add(rawText));
      }

      String splice(String written) {
        String out = written;
        for (int i = 0; i < values.size(); i++) {
          out = out.replace("\"" + placeholder(i) + "\"", values.get(i));
        }
        return out;
      }

      private static String placeholder(int i) {
        return "@@raw-" + i + "@@";
      }
    }

    static String edit(String json, Edit edit) {
      JsonNode tree;
      try {
        tree = MAPPER.readTree(json);
      } catch (JsonProcessingException e) {
        return json;
      }
      if (tree == null || !tree.isContainerNode()) {
        return json;
      }
      RawValues raw = new RawValues();
      edit.apply(tree, raw);
      try {
        return raw.splice(MAPPER.writeValueAsString(tree));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a tree read from JSON can be written", e);
      }
    }

    /** A place that holds a value: a field of an object or an element of an array. */
    record Slot(JsonNode parent, String field, int index) {
      void set(String placeholder) {
        TextNode v = TextNode.valueOf(placeholder);
        if (parent instanceof ObjectNode o) {
          o.set(field, v);
        } else {
          ((ArrayNode) parent).set(index, v);
        }
      }

      void remove() {
        if (parent instanceof ObjectNode o) {
          o.remove(field);
        } else {
          ((ArrayNode) parent).remove(index);
        }
      }
    }

    static List<Slot> slots(JsonNode root) {
      List<Slot> out = new ArrayList<>();
      collect(root, out, new ArrayList<>());
      return out;
    }

    static List<ObjectNode> objects(JsonNode root) {
      List<ObjectNode> out = new ArrayList<>();
      collect(root, new ArrayList<>(), out);
      return out;
    }

    private static void collect(JsonNode node, List<Slot> slots, List<ObjectNode> objects) {
      if (node instanceof ObjectNode o) {
        objects.add(o);
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
          String name = it.next();
          slots.add(new Slot(o, name, -1));
          collect(o.get(name), slots, objects);
        }
      } else if (node instanceof ArrayNode a) {
        for (int i = 0; i < a.size(); i++) {
          slots.add(new Slot(a, null, i));
          collect(a.get(i), slots, objects);
        }
      }
    }

    static String abbreviate(String s) {
      return s.length() > 60 ? s.substring(0, 60) + "...(" + s.length() + " chars)" : s;
    }
  }
}
