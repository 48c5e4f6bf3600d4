package io.clusterwatch.agent.jobs.kubernetes.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Parses every YAML document in config/k8s and checks the fields the agent and hub rely on. */
class KubernetesManifestsTest {
  static final Path DIR = Path.of("").toAbsolutePath().getParent().resolve("config/k8s");
  static final List<Map<String, Object>> DOCS = new ArrayList<>();

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() throws Exception {
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (Object doc : yaml.loadAll(Files.readString(f))) {
          assertTrue(doc instanceof Map, f + " holds a document that is not a mapping");
          DOCS.add((Map<String, Object>) doc);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T at(Object node, String... path) {
    Object cur = node;
    for (String key : path) {
      assertTrue(cur instanceof Map, "no mapping at " + key + " of " + String.join(".", path));
      cur = ((Map<String, Object>) cur).get(key);
      assertNotNull(cur, "missing " + String.join(".", path));
    }
    return (T) cur;
  }

  static Map<String, Object> doc(String kind, String name) {
    return DOCS.stream()
        .filter(d -> kind.equals(d.get("kind")) && name.equals(at(d, "metadata", "name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  static String argAfter(List<String> args, String flag) {
    int i = args.indexOf(flag);
    assertTrue(i >= 0 && i + 1 < args.size(), "no " + flag + " in " + args);
    return args.get(i + 1);
  }

  static Map<String, Object> firstContainer(Map<String, Object> workload) {
    List<Map<String, Object>> containers = at(workload, "spec", "template", "spec", "containers");
    assertEquals(1, containers.size());
    return containers.get(0);
  }

  @Test
  void everyDocumentIsNamedAndNamespaced() {
    assertFalse(DOCS.isEmpty());
    for (Map<String, Object> d : DOCS) {
      String kind = at(d, "kind");
      assertNotNull(at(d, "apiVersion"));
      assertNotNull(at(d, "metadata", "name"));
      if (!kind.equals("Namespace")) {
        assertEquals("clusterwatch", at(d, "metadata", "namespace"), kind);
      }
    }
    doc("Namespace", "clusterwatch");
  }

  @Test
  void agentDaemonSetSeesTheHostReadOnly() {
    Map<String, Object> ds = doc("DaemonSet", "clusterwatch-agent");
    Map<String, Object> pod = at(ds, "spec", "template", "spec");
    assertEquals(Boolean.TRUE, pod.get("hostPID"), "NVML reports host PIDs");
    Map<String, Object> agent = firstContainer(ds);

    List<Map<String, Object>> mounts = at(agent, "volumeMounts");
    List<Map<String, Object>> volumes = at(pod, "volumes");
    Map<String, String> hostPathOfMount = new java.util.HashMap<>();
    for (Map<String, Object> m : mounts) {
      Map<String, Object> volume =
          volumes.stream()
              .filter(v -> v.get("name").equals(m.get("name")))
              .findFirst()
              .orElseThrow();
      if (volume.containsKey("hostPath")) {
        assertEquals(
            Boolean.TRUE,
            m.get("readOnly"),
            "host mount " + m.get("mountPath") + " must be read-only");
        hostPathOfMount.put((String) m.get("mountPath"), at(volume, "hostPath", "path"));
      }
    }
    List<String> args = at(agent, "args");
    assertEquals("/proc", hostPathOfMount.get(argAfter(args, "--procfs")));
    assertEquals("/sys", hostPathOfMount.get(argAfter(args, "--sysfs")));
    assertEquals(
        "/var/lib/kubelet/pod-resources", hostPathOfMount.get("/var/lib/kubelet/pod-resources"));

    Map<String, Object> security = at(agent, "securityContext");
    assertEquals(Boolean.TRUE, security.get("readOnlyRootFilesystem"));
    assertEquals(List.of("SYS_PTRACE"), at(security, "capabilities", "add"));

    List<Map<String, Object>> tolerations = at(pod, "tolerations");
    assertTrue(tolerations.stream().anyMatch(t -> "nvidia.com/gpu".equals(t.get("key"))));
    assertNotNull(at(agent, "resources", "requests", "memory"));
    assertNotNull(at(agent, "resources", "limits", "memory"));
    assertNotNull(at(agent, "resources", "limits", "cpu"));

    // the agent streams to the hub Service, on the Service's port
    URI hub = URI.create(argAfter(args, "--hub"));
    Map<String, Object> svc = doc("Service", "clusterwatch-hub");
    assertEquals(
        at(svc, "metadata", "name") + "." + at(svc, "metadata", "namespace") + ".svc",
        hub.getHost());
    List<Map<String, Object>> ports = at(svc, "spec", "ports");
    assertEquals(ports.get(0).get("port"), hub.getPort());
    assertEquals("/ingest", hub.getPath());
  }

  @Test
  void hubDeploymentServiceAndConfigMapFitTogether() {
    Map<String, Object> dep = doc("Deployment", "clusterwatch-hub");
    Map<String, Object> hub = firstContainer(dep);
    List<Map<String, Object>> containerPorts = at(hub, "ports");
    Map<String, Object> http = containerPorts.get(0);
    assertEquals("http", http.get("name"));
    assertEquals(8080, http.get("containerPort"));
    List<String> args = at(hub, "args");
    assertEquals("8080", argAfter(args, "--port"));

    Map<String, Object> svc = doc("Service", "clusterwatch-hub");
    Map<String, Object> podLabels = at(dep, "spec", "template", "metadata", "labels");
    Map<String, Object> selector = at(svc, "spec", "selector");
    assertTrue(
        podLabels.entrySet().containsAll(selector.entrySet()), "Service selects the hub pods");
    assertEquals((Object) at(dep, "spec", "selector", "matchLabels"), at(svc, "spec", "selector"));
    Map<String, Object> svcPort = ((List<Map<String, Object>>) at(svc, "spec", "ports")).get(0);
    assertEquals(8080, svcPort.get("port"));
    assertEquals("http", svcPort.get("targetPort"));

    // --config points at hub.yaml of the mounted ConfigMap, and that is valid YAML
    List<Map<String, Object>> mounts = at(hub, "volumeMounts");
    Map<String, Object> configMount =
        mounts.stream().filter(m -> "config".equals(m.get("name"))).findFirst().orElseThrow();
    assertEquals(Boolean.TRUE, configMount.get("readOnly"));
    assertEquals(configMount.get("mountPath") + "/hub.yaml", argAfter(args, "--config"));
    List<Map<String, Object>> volumes = at(dep, "spec", "template", "spec", "volumes");
    String cmName =
        at(
            volumes.stream().filter(v -> "config".equals(v.get("name"))).findFirst().orElseThrow(),
            "configMap",
            "name");
    String hubYaml = at(doc("ConfigMap", cmName), "data", "hub.yaml");
    Map<String, Object> parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(hubYaml);
    assertEquals((Object) 8080, at(parsed, "server", "port"));
    assertNotNull(at(parsed, "rules", "idle"));
  }

  @Test
  void imagesRunTheJarTheirContainerfilesCopy() throws Exception {
    for (String[] c :
        new String[][] {
          {"DaemonSet", "clusterwatch-agent", "agent"}, {"Deployment", "clusterwatch-hub", "hub"}
        }) {
      Map<String, Object> container = firstContainer(doc(c[0], c[1]));
      List<String> command = at(container, "command");
      String jar = argAfter(command, "-jar");
      String containerfile = Files.readString(DIR.resolve("Containerfile." + c[2]));
      assertTrue(
          containerfile.contains("COPY " + c[2] + "/target/clusterwatch-" + c[2] + ".jar " + jar),
          c[2]);
      String image = at(container, "image");
      assertTrue(containerfile.contains("-t " + image + " "), c[2] + " image " + image);
    }
  }
}
