package io.kserve4j.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kserve4j.core.testkit.CrdSchemas;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** InferenceGraphs: typed reading, writing, and the CRD schema's checks, word for word. */
class InferenceGraphTest {
  private static final String HEADER =
      "apiVersion: serving.kserve.io/v1alpha1\nkind: InferenceGraph\nmetadata:\n  name: g\n";

  private static InferenceGraphResource sample() {
    List<InferenceGraphResource> graphs = Samples.read("inference-graph.yaml").inferenceGraphs();
    assertThat(graphs).hasSize(1);
    return graphs.get(0);
  }

  private static List<String> messages(InferenceGraphResource graph) {
    return graph.violations().stream().map(Violation::toString).collect(Collectors.toList());
  }

  private static List<String> problems(String yaml) {
    try {
      KServeYaml.read(yaml, "g.yaml");
    } catch (SpecValidationException e) {
      return e.violations().stream().map(Violation::toString).collect(Collectors.toList());
    }
    throw new AssertionError("no SpecValidationException for\n" + yaml);
  }

  @Test
  void read_bindsNodesStepsAndEveryRouterField() {
    InferenceGraphResource graph = sample();
    InferenceGraphSpec spec = graph.spec();

    assertThat(graph.apiVersion()).isEqualTo("serving.kserve.io/v1alpha1");
    assertThat(graph.kind()).isEqualTo("InferenceGraph");
    assertThat(graph.name()).isEqualTo("fraud-graph");
    assertThat(spec.nodes().keySet()).containsExactly("root", "by-amount", "ab-test", "ensemble");
    assertThat(spec.nodes().get("root"))
        .isEqualTo(
            InferenceRouter.of(
                InferenceRouterType.SEQUENCE,
                InferenceStep.builder().name("features").serviceName("feature-transformer").build(),
                InferenceStep.builder()
                    .name("route")
                    .nodeName("by-amount")
                    .data("$response")
                    .dependency(InferenceStepDependencyType.HARD)
                    .build()));
    assertThat(spec.nodes().get("by-amount").steps())
        .extracting(InferenceStep::condition)
        .containsExactly("[@this].#(amount>1000)", "[@this].#(amount<=1000)");
    assertThat(spec.nodes().get("ab-test").routerType()).isEqualTo(InferenceRouterType.SPLITTER);
    assertThat(spec.nodes().get("ab-test").steps())
        .extracting(InferenceStep::weight)
        .containsExactly(80L, 20L);
    assertThat(spec.nodes().get("ensemble").steps().get(1).mapPredictionsToInstances()).isTrue();
    assertThat(spec.timeout()).isEqualTo(30L);
    assertThat(spec.routerTimeouts()).isEqualTo(new RouterTimeouts(30L, 30L, 120L, 20L));
    assertThat(spec.minReplicas()).isEqualTo(1);
    assertThat(spec.maxReplicas()).isEqualTo(3);
    assertThat(spec.scaleMetric()).isEqualTo("cpu");
    assertThat(spec.scaleTarget()).isEqualTo(75);
    assertThat(spec.resources())
        .isEqualTo(Map.of("requests", Map.of("cpu", "100m", "memory", "128Mi")));
    assertThat(spec.affinity()).isNull();
    assertThat(spec.nodeSelector()).isEqualTo(Map.of("pool", "routers"));
    assertThat(spec.tolerations())
        .containsExactly(
            Map.of(
                "key",
                "dedicated",
                "operator",
                "Equal",
                "value",
                "routers",
                "effect",
                "NoSchedule"));
    assertThat(spec.nodeName()).isNull();
    assertThat(spec.serviceAccountName()).isEqualTo("graph-router");
    assertThat(graph.deploymentMode()).isEqualTo(DeploymentMode.STANDARD);
    assertThat(graph.violations()).isEmpty();
  }

  @Test
  void builtInJava_writesKServeYaml_thatReadsBackEqual() {
    InferenceGraphResource graph =
        InferenceGraphResource.of(
            "mnist-graph",
            InferenceGraphSpec.builder()
                .node(
                    "root",
                    InferenceRouter.of(
                        InferenceRouterType.ENSEMBLE,
                        InferenceStep.builder().name("a").serviceName("mnist-a").build(),
                        InferenceStep.builder()
                            .name("b")
                            .serviceName("mnist-b")
                            .dependency(InferenceStepDependencyType.SOFT)
                            .build()))
                .minReplicas(0)
                .build());

    String written = KServeYaml.write(graph);

    assertThat(written)
        .isEqualTo(
            """
            apiVersion: serving.kserve.io/v1alpha1
            kind: InferenceGraph
            metadata:
              name: mnist-graph
            spec:
              nodes:
                root:
                  routerType: Ensemble
                  steps:
                    - name: a
                      serviceName: mnist-a
                    - name: b
                      serviceName: mnist-b
                      dependency: Soft
              minReplicas: 0
            """);
    assertThat(KServeYaml.read(written, "g.yaml").inferenceGraphs()).containsExactly(graph);
    assertThat(CrdSchemas.errors(written)).isEmpty();
    assertThat(graph.toString()).contains("mnist-graph");
  }

  @Test
  void builders_copyEveryField() {
    InferenceGraphSpec spec = sample().spec();
    InferenceStep step = spec.nodes().get("root").steps().get(1);

    assertThat(spec.toBuilder().build()).isEqualTo(spec);
    assertThat(step.toBuilder().build()).isEqualTo(step);
    assertThat(
            spec.toBuilder().affinity(Map.of("nodeAffinity", Map.of())).nodeName("node-1").build())
        .extracting(InferenceGraphSpec::affinity, InferenceGraphSpec::nodeName)
        .containsExactly(Map.of("nodeAffinity", Map.of()), "node-1");
  }

  @Test
  void invalidSample_listsEveryViolationOfTheSchema() {
    InferenceGraphResource graph =
        Samples.read("invalid/inference-graph.yaml").inferenceGraphs().get(0);

    assertThat(messages(graph))
        .containsExactly(
            "metadata.name = \"Fraud_Graph\": must be a Kubernetes object name (lower-case"
                + " letters, digits, '-' and '.') (rename it, e.g. fraud-graph)",
            "metadata.annotations[serving.kserve.io/deploymentMode] = \"ModelMesh\": is not"
                + " supported in a JVM: ModelMesh serves models from a cluster of ModelMesh pods (use"
                + " Knative (the default) or Standard; deploy ModelMesh services to a cluster with"
                + " ModelMesh installed)",
            "spec.nodes[root].routerType = <unset>: is required (use Sequence to chain the steps,"
                + " Splitter to split requests by weight, Ensemble to call them all, or Switch to"
                + " pick one by condition)",
            "spec.scaleMetric = \"latency\": must be one of [cpu, memory, concurrency, rps] (use"
                + " concurrency or rps in Knative mode, cpu or memory in Standard mode)");
    assertThatThrownBy(graph::validate)
        .isInstanceOf(SpecValidationException.class)
        .hasMessageStartingWith(
            "InferenceGraph 'Fraud_Graph' is invalid (4 problems):\n  metadata.name = ");
  }

  @Test
  void noNodes_noName_andAnUnknownStatusMode_areViolations() {
    InferenceGraphResource graph =
        new InferenceGraphResource(
            InferenceGraphResource.API_VERSION,
            InferenceGraphResource.KIND,
            ObjectMeta.named(""),
            InferenceGraphSpec.builder().build(),
            Map.of("status", Map.of("deploymentMode", "Serverful")));

    assertThat(messages(graph))
        .containsExactly(
            "metadata.name = <unset>: is required (name the graph, e.g. mnist-graph)",
            "status.deploymentMode = \"Serverful\": must be one of [Knative, Standard, Serverless,"
                + " RawDeployment] (use Standard for Deployments scaled by HPA, or Knative for"
                + " Knative Services that scale to zero; Serverless and RawDeployment are their old"
                + " names)",
            "spec.nodes = <unset>: is required (add nodes: with the entry node root, e.g. root:"
                + " {routerType: Sequence, steps: [{serviceName: my-model}]})");
    assertThat(graph.deploymentMode()).isEqualTo(DeploymentMode.KNATIVE);
    assertThat(graph.statusDeploymentMode()).isEqualTo("Serverful");
    assertThatThrownBy(graph::validate)
        .isInstanceOf(SpecValidationException.class)
        .hasMessageStartingWith("InferenceGraph '' is invalid (3 problems):");
  }

  @Test
  void deploymentMode_isTheStatusOne_elseTheAnnotation_oldNamesIncluded() {
    InferenceGraphResource graph = sample();
    InferenceGraphResource recorded =
        new InferenceGraphResource(
            graph.apiVersion(),
            graph.kind(),
            ObjectMeta.named("g"),
            graph.spec(),
            Map.of("status", Map.of("deploymentMode", "RawDeployment")));

    assertThat(recorded.deploymentMode()).isEqualTo(DeploymentMode.STANDARD);
    assertThat(InferenceGraphResource.of("g", graph.spec()).deploymentMode())
        .isEqualTo(DeploymentMode.KNATIVE);
    assertThat(recorded.violations()).isEmpty();
  }

  @Test
  void read_routerTypeAndDependencyOutsideTheirEnums_areViolations_asIsAStepThatIsNoMapping() {
    String yaml =
        HEADER
            + "spec:\n  nodes:\n    root:\n      routerType: sequence\n      steps:\n"
            + "        - serviceName: a\n          dependency: hard\n          weight: \"50\"\n"
            + "        - just-a-name\n    other: 5\n  routerTimeouts:\n    serverRead: 1m\n"
            + "    serviceclient: 5\n";

    assertThat(problems(yaml))
        .containsExactly(
            "spec.nodes[root].routerType = \"sequence\": must be one of [Sequence, Splitter,"
                + " Ensemble, Switch] (use Sequence to chain the steps, Splitter to split requests"
                + " by weight, Ensemble to call them all, or Switch to pick one by condition)",
            "spec.nodes[root].steps[0].weight = \"50\": must be an integer (write 50 without"
                + " quotes)",
            "spec.nodes[root].steps[0].dependency = \"hard\": must be one of [Soft, Hard] (use Hard"
                + " to stop the node when this step fails, Soft (the default) to go on)",
            "spec.nodes[root].steps[1] = \"just-a-name\": must be a mapping (write its fields as"
                + " key: value lines indented under steps[1]:)",
            "spec.nodes[other] = 5: must be a mapping (write its fields as key: value lines"
                + " indented under nodes[other]:)",
            "spec.routerTimeouts.serverRead = \"1m\": must be an integer (write a whole number such"
                + " as 2)",
            "spec.routerTimeouts.serviceclient = 5: unknown field (did you mean serviceClient?)");
  }

  @Test
  void read_fieldsInsideKubernetesTypes_areCheckedByName() {
    String yaml =
        HEADER
            + "spec:\n  nodes:\n    root:\n      routerType: Sequence\n  resources:\n"
            + "    limit:\n      cpu: \"1\"\n  tolerations:\n    - key: a\n      operater: Exists\n"
            + "    - 3\n  affinity: []\n  stepz: []\n";

    assertThat(problems(yaml))
        .containsExactly(
            "spec.resources.limit = {\"cpu\":\"1\"}: unknown field (did you mean limits?)",
            "spec.affinity = []: must be a mapping (write its fields as key: value lines indented"
                + " under affinity:)",
            "spec.tolerations[0].operater = \"Exists\": unknown field (did you mean operator?)",
            "spec.tolerations[1] = 3: must be a mapping (write its fields as key: value lines"
                + " indented under tolerations[1]:)",
            "spec.stepz = []: unknown field (not a field of InferenceGraph spec)");
  }

  @Test
  void enums_nameKServesValues() {
    assertThat(InferenceRouterType.of("Switch")).isEqualTo(InferenceRouterType.SWITCH);
    assertThat(InferenceRouterType.of("switch")).isNull();
    assertThat(InferenceRouterType.SEQUENCE.kserveName()).isEqualTo("Sequence");
    assertThat(InferenceRouterType.SPLITTER.kserveName()).isEqualTo("Splitter");
    assertThat(InferenceRouterType.ENSEMBLE.kserveName()).isEqualTo("Ensemble");
    assertThat(InferenceStepDependencyType.of("Soft")).isEqualTo(InferenceStepDependencyType.SOFT);
    assertThat(InferenceStepDependencyType.of("Hard")).isEqualTo(InferenceStepDependencyType.HARD);
    assertThat(InferenceStepDependencyType.of("")).isNull();
  }
}
