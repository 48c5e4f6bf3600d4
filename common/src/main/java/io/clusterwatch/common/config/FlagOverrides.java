package io.clusterwatch.common.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Command-line flags as edits of the configuration tree, made before it is bound, so a flag is
 * checked exactly like the key it stands for; an error about such a key names the flag instead.
 */
public final class FlagOverrides {
  private final List<Consumer<ObjectNode>> edits = new ArrayList<>();

  /** Key path set by a flag -> the flag. */
  private final Map<String, String> flags = new LinkedHashMap<>();

  /** {@code flag} sets the text {@code value} at {@code path} ({@code collectors.gpu.backend}). */
  public FlagOverrides set(String flag, String path, String value) {
    return edit(flag, path, (node, key) -> node.put(key, value));
  }

  public FlagOverrides set(String flag, String path, boolean value) {
    return edit(flag, path, (node, key) -> node.put(key, value));
  }

  public FlagOverrides set(String flag, String path, int value) {
    return edit(flag, path, (node, key) -> node.put(key, value));
  }

  private FlagOverrides edit(
      String flag, String path, java.util.function.BiConsumer<ObjectNode, String> put) {
    flags.put(path, flag);
    String[] parts = path.split("\\.");
    edits.add(
        root -> {
          ObjectNode node = root;
          for (int i = 0; i < parts.length - 1; i++) {
            node =
                node.has(parts[i]) && node.get(parts[i]).isObject()
                    ? (ObjectNode) node.get(parts[i])
                    : node.putObject(parts[i]);
          }
          put.accept(node, parts[parts.length - 1]);
        });
    return this;
  }

  /** {@code tree} with every flag applied, in the order they were set. */
  public ObjectNode applyTo(ObjectNode tree) {
    for (Consumer<ObjectNode> e : edits) {
      e.accept(tree);
    }
    return tree;
  }

  /** {@code e}, named by the flag when the key it is about was set by one. */
  public ConfigException attribute(ConfigException e) {
    String flag = flags.get(e.key());
    return flag == null ? e : new ConfigException(flag, e.problem());
  }
}
