package io.kserve4j.core.internal.spec;

import io.kserve4j.core.spec.BatcherSpec;
import io.kserve4j.core.spec.ComponentExtensionSpec;
import io.kserve4j.core.spec.DeploymentMode;
import io.kserve4j.core.spec.ExplainerSpec;
import io.kserve4j.core.spec.InferenceGraphResource;
import io.kserve4j.core.spec.InferenceGraphSpec;
import io.kserve4j.core.spec.InferenceRouter;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.LoggerSpec;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.PredictorSpec;
import io.kserve4j.core.spec.ServingRuntimeResource;
import io.kserve4j.core.spec.SupportedModelFormat;
import io.kserve4j.core.spec.TrainedModelResource;
import io.kserve4j.core.spec.TrainedModelSpec;
import io.kserve4j.core.spec.TransformerSpec;
import io.kserve4j.core.spec.Violation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * KServe's admission rules for InferenceServices, (Cluster)ServingRuntimes and TrainedModels
 * (KServe's validating webhooks and CRD schemas), the InferenceGraph CRD's schema, plus the canary
 * range kserve4j needs because it routes traffic in-process. Unlike KServe, which stops at the
 * first failure, every rule runs and every violation is reported.
 */
public final class SpecRules {
  /** KServe's InferenceService (and predictor) name format. */
  static final String NAME_FORMAT = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

  private static final Pattern NAME = Pattern.compile(NAME_FORMAT);

  /** Kubernetes' object name format (DNS-1123 subdomain), for runtimes. */
  private static final Pattern OBJECT_NAME =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  /**
   * A TrainedModel name: the API server's object name rule (a DNS subdomain) and KServe's webhook
   * rule ({@code [a-zA-Z0-9_-]+}) together.
   */
  private static final Pattern TRAINED_MODEL_NAME =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

  /** The storage URI schemes KServe's model agent fetches TrainedModels from. */
  private static final List<String> TRAINED_MODEL_SCHEMES =
      List.of("s3://", "gs://", "https://", "http://");

  /** A Kubernetes quantity, as KServe's CRDs write its pattern. */
  private static final Pattern QUANTITY =
      Pattern.compile(
          "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$");

  private static final List<String> PROTOCOLS = List.of("v1", "v2", "grpc-v1", "grpc-v2");
  private static final List<String> SCALE_METRICS = List.of("cpu", "memory", "concurrency", "rps");
  private static final List<String> LOGGER_MODES = List.of("all", "request", "response");
  private static final List<String> AUTOSCALER_CLASSES = List.of("hpa", "keda", "external", "none");
  private static final List<String> DEPLOYMENT_MODES =
      List.of("Knative", "Standard", "Serverless", "RawDeployment");
  private static final String MODEL_MESH = "ModelMesh";

  static final String DEPLOYMENT_MODE = DeploymentMode.ANNOTATION;
  static final String AUTOSCALER_CLASS = "serving.kserve.io/autoscalerClass";
  private static final String KNATIVE_CLASS = "autoscaling.knative.dev/class";
  private static final String KNATIVE_HPA = "hpa.autoscaling.knative.dev";
  private static final String KNATIVE = "autoscaling.knative.dev/";
  private static final List<String> KNATIVE_SCALES =
      List.of("min-scale", "minScale", "max-scale", "maxScale", "initial-scale", "initialScale");

  private static final Pattern GO_DURATION =
      Pattern.compile("([0-9]*\\.?[0-9]+)(ns|us|µs|μs|ms|s|m|h)");
  private static final Duration MIN_WINDOW = Duration.ofSeconds(6);
  private static final Duration MAX_WINDOW = Duration.ofHours(1);

  private SpecRules() {}

  /** Every violation of KServe's rules by this InferenceService, in field order. */
  public static List<Violation> check(InferenceServiceResource isvc) {
    List<Violation> out = new ArrayList<>();
    String name = isvc.metadata().name();
    if (isBlank(name)) {
      out.add(
          new Violation(
              "metadata.name",
              null,
              "is required",
              "name the InferenceService, e.g. sklearn-iris"));
    } else if (!NAME.matcher(name).matches()) {
      out.add(
          new Violation(
              "metadata.name",
              YamlFormat.show(name),
              "must match " + NAME_FORMAT,
              "use lower-case letters, digits and '-', starting with a letter and ending with a"
                  + " letter or digit, e.g. "
                  + suggestName(name)));
    }

    Map<String, String> annotations = isvc.metadata().annotations();
    String modeValue = annotations.get(DEPLOYMENT_MODE);
    String statusMode = isvc.statusDeploymentMode();
    boolean modeKnown = deploymentMode(out, annotationPath("metadata", DEPLOYMENT_MODE), modeValue);
    modeKnown &= deploymentMode(out, "status.deploymentMode", statusMode);
    if (modeKnown && modeValue != null && statusMode != null) {
      DeploymentMode recorded = DeploymentMode.of(statusMode);
      if (recorded != null && recorded != DeploymentMode.of(modeValue)) {
        out.add(
            new Violation(
                annotationPath("metadata", DEPLOYMENT_MODE),
                YamlFormat.show(modeValue),
                "must match status.deploymentMode " + YamlFormat.show(statusMode),
                "KServe never changes the mode of an existing service: set it to "
                    + recorded.kserveName()
                    + ", or remove status to deploy the service anew"));
      }
    }
    String autoscalerClass = annotations.get(AUTOSCALER_CLASS);
    if (autoscalerClass != null && !AUTOSCALER_CLASSES.contains(autoscalerClass)) {
      out.add(
          new Violation(
              annotationPath("metadata", AUTOSCALER_CLASS),
              YamlFormat.show(autoscalerClass),
              "must be one of " + AUTOSCALER_CLASSES,
              "remove it in Knative mode, where Knative's autoscaler scales; in Standard mode use"
                  + " hpa, keda, external or none"));
    }
    knativeAnnotations(out, "metadata", annotations);
    Scaling scaling =
        new Scaling(
            modeKnown ? isvc.deploymentMode() : null,
            autoscalerClass,
            annotations.get(KNATIVE_CLASS));

    predictor(out, isvc.spec().predictor(), scaling);
    canaries(out, isvc);
    TransformerSpec transformer = isvc.spec().transformer();
    if (transformer != null) {
      component(out, "spec.transformer", transformer.component(), transformer.extra(), scaling);
      storageUris(out, "spec.transformer", transformer.extra(), null);
      podEnv(out, "spec.transformer", transformer.extra());
    }
    ExplainerSpec explainer = isvc.spec().explainer();
    if (explainer != null) {
      boolean art = explainer.extra().get("art") != null;
      boolean containers = !list(explainer.extra().get("containers")).isEmpty();
      if (art && containers) {
        out.add(
            new Violation(
                "spec.explainer",
                YamlFormat.show(List.of("art", "containers")),
                "must set exactly one of [art, containers]",
                "keep art for KServe's ART explainer, or containers for your own explainer image"));
      }
      component(out, "spec.explainer", explainer.component(), explainer.extra(), scaling);
      storageUris(out, "spec.explainer", explainer.extra(), null);
      podEnv(out, "spec.explainer", explainer.extra());
      if (explainer.extra().get("art") instanceof Map) {
        env(out, "spec.explainer.art", explainer.extra().get("art"));
      }
    }
    return out;
  }

  /** Every violation of KServe's rules by this (Cluster)ServingRuntime, in field order. */
  public static List<Violation> check(ServingRuntimeResource runtime) {
    List<Violation> out = new ArrayList<>();
    objectName(out, runtime.metadata().name(), "name the runtime, e.g. kserve-sklearnserver");
    List<SupportedModelFormat> formats = runtime.spec().supportedModelFormats();
    Map<String, Integer> firstAutoSelect = new HashMap<>();
    for (int i = 0; i < formats.size(); i++) {
      SupportedModelFormat f = formats.get(i);
      String path = "spec.supportedModelFormats[" + i + "]";
      if (isBlank(f.name())) {
        out.add(
            new Violation(
                path + ".name",
                null,
                "is required",
                "name the model format this runtime serves, e.g. sklearn or onnx"));
      }
      Integer priority = f.priority();
      if (priority != null && priority < 1) {
        out.add(
            new Violation(
                path + ".priority",
                priority,
                "must be >= 1",
                "use 1 or more: among runtimes chosen automatically the higher priority wins"));
      }
      // KServe's webhook skips disabled runtimes; it compares an autoSelect entry with the first
      // autoSelect entry of the same name, when both set a priority.
      if (!runtime.spec().isDisabled() && f.isAutoSelect() && !isBlank(f.name())) {
        Integer first = firstAutoSelect.putIfAbsent(f.name(), i);
        if (first != null) {
          Integer firstPriority = formats.get(first).priority();
          if (firstPriority != null && priority != null && !firstPriority.equals(priority)) {
            out.add(
                new Violation(
                    path + ".priority",
                    priority,
                    "must equal priority "
                        + firstPriority
                        + " of the autoSelect entry for "
                        + f.name()
                        + " at spec.supportedModelFormats["
                        + first
                        + "]",
                    "give every autoSelect entry of " + f.name() + " the same priority"));
          }
        }
      }
    }
    List<String> protocols = runtime.spec().protocolVersions();
    for (int i = 0; i < protocols.size(); i++) {
      if (!PROTOCOLS.contains(protocols.get(i))) {
        out.add(
            new Violation(
                "spec.protocolVersions[" + i + "]",
                YamlFormat.show(protocols.get(i)),
                "must be one of " + PROTOCOLS,
                "list the protocols the server speaks, e.g. v1 and v2"));
      }
    }
    if (list(runtime.spec().extra().get("containers")).isEmpty()) {
      out.add(
          new Violation(
              "spec.containers",
              null,
              "is required",
              "add the server container, e.g. - name: kserve-container with its image"));
    }
    podEnv(out, "spec", runtime.spec().extra());
    return out;
  }

  /**
   * Every violation of the InferenceGraph CRD's schema that reading does not report, in field
   * order. KServe's graph webhook rules come with the graph module.
   */
  public static List<Violation> check(InferenceGraphResource graph) {
    List<Violation> out = new ArrayList<>();
    objectName(out, graph.metadata().name(), "name the graph, e.g. mnist-graph");
    String modePath = annotationPath("metadata", DEPLOYMENT_MODE);
    deploymentMode(out, modePath, graph.metadata().annotations().get(DEPLOYMENT_MODE));
    deploymentMode(out, "status.deploymentMode", graph.statusDeploymentMode());
    InferenceGraphSpec spec = graph.spec();
    if (spec.nodes().isEmpty()) {
      out.add(
          new Violation(
              "spec.nodes",
              null,
              "is required",
              "add nodes: with the entry node root, e.g. root: {routerType: Sequence, steps:"
                  + " [{serviceName: my-model}]}"));
    }
    for (Map.Entry<String, InferenceRouter> node : spec.nodes().entrySet()) {
      if (node.getValue().routerType() == null) {
        out.add(
            new Violation(
                "spec.nodes[" + node.getKey() + "].routerType",
                null,
                "is required",
                "use Sequence to chain the steps, Splitter to split requests by weight, Ensemble"
                    + " to call them all, or Switch to pick one by condition"));
      }
    }
    String metric = spec.scaleMetric();
    if (metric != null && !SCALE_METRICS.contains(metric)) {
      out.add(
          new Violation(
              "spec.scaleMetric",
              YamlFormat.show(metric),
              "must be one of " + SCALE_METRICS,
              "use concurrency or rps in Knative mode, cpu or memory in Standard mode"));
    }
    return out;
  }

  /** Every violation of KServe's rules by this TrainedModel, in field order. */
  public static List<Violation> check(TrainedModelResource trainedModel) {
    List<Violation> out = new ArrayList<>();
    String name = trainedModel.metadata().name();
    if (isBlank(name)) {
      out.add(
          new Violation(
              "metadata.name", null, "is required", "name the model, e.g. sklearn-iris-v2"));
    } else if (!TRAINED_MODEL_NAME.matcher(name).matches()) {
      out.add(
          new Violation(
              "metadata.name",
              YamlFormat.show(name),
              "must use lower-case letters, digits and '-', starting and ending with a letter or"
                  + " digit",
              "rename it, e.g. "
                  + suggestName(name)
                  + ": the API server wants a lower-case object name, KServe's webhook no '.'"));
    }
    TrainedModelSpec spec = trainedModel.spec();
    if (isBlank(spec.inferenceService())) {
      out.add(
          new Violation(
              "spec.inferenceService",
              null,
              "is required",
              "name the multi-model InferenceService that loads this model"));
    }
    TrainedModelSpec.Model model = spec.model();
    String uri = model.storageUri();
    if (isBlank(uri)) {
      out.add(
          new Violation(
              "spec.model.storageUri",
              null,
              "is required",
              "give the model's location, e.g. s3://models/sklearn-iris-v2"));
    } else if (TRAINED_MODEL_SCHEMES.stream().noneMatch(uri::startsWith)) {
      out.add(
          new Violation(
              "spec.model.storageUri",
              YamlFormat.show(uri),
              "must start with one of " + TRAINED_MODEL_SCHEMES,
              "KServe's model agent fetches TrainedModels only from these: copy the model to S3,"
                  + " GCS or a web server"));
    }
    if (isBlank(model.framework())) {
      out.add(
          new Violation(
              "spec.model.framework",
              null,
              "is required",
              "name the model's framework, e.g. sklearn; KServe passes it to the model server"));
    }
    String memory = model.memory();
    if (isBlank(memory)) {
      out.add(
          new Violation(
              "spec.model.memory",
              null,
              "is required",
              "give the most memory the model takes, e.g. 512Mi; KServe loads it only where it"
                  + " fits"));
    } else if (!QUANTITY.matcher(memory).matches()) {
      out.add(
          new Violation(
              "spec.model.memory",
              YamlFormat.show(memory),
              "must be a Kubernetes quantity",
              "write a number with an optional unit, e.g. 512Mi or 1Gi"));
    }
    return out;
  }

  private static void objectName(List<Violation> out, String name, String example) {
    if (isBlank(name)) {
      out.add(new Violation("metadata.name", null, "is required", example));
    } else if (!OBJECT_NAME.matcher(name).matches()) {
      out.add(
          new Violation(
              "metadata.name",
              YamlFormat.show(name),
              "must be a Kubernetes object name (lower-case letters, digits, '-' and '.')",
              "rename it, e.g. " + suggestName(name)));
    }
  }

  // ---- predictor

  /** Fields a canary predictor may not set (KServe's webhook, KSERVE-FACTS §h2). */
  private static final List<String> CANARY_FORBIDDEN =
      List.of("workerSpec", "maxReplicas", "scaleTarget", "scaleMetric", "autoScaling");

  /**
   * KServe 0.20's rules for {@code spec.canary[]} (Standard mode only): each canary names its
   * predictor uniquely and apart from the stable one, takes 0..100% (all together at most 100),
   * sets at most one implementation, no autoscaling fields, and no more minReplicas than the
   * stable.
   */
  private static void canaries(List<Violation> out, InferenceServiceResource isvc) {
    List<io.kserve4j.core.spec.CanarySpec> canary = isvc.spec().canary();
    if (canary.isEmpty()) {
      return;
    }
    if (isvc.deploymentMode() != DeploymentMode.STANDARD) {
      out.add(
          new Violation(
              "spec.canary",
              canary.size() + (canary.size() == 1 ? " canary" : " canaries"),
              "needs the annotation " + DEPLOYMENT_MODE + ": Standard",
              "annotate the service Standard, or use canaryTrafficPercent on the predictor in"
                  + " Knative mode"));
    }
    PredictorSpec stable = isvc.spec().predictor();
    if (stable.model() == null) {
      out.add(
          new Violation(
              "spec.predictor.model",
              null,
              "is required with canaries (the stable predictor needs a model or storage URI)",
              "set model: with modelFormat and storageUri"));
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    long sum = 0;
    int stableMin = stable.component().minReplicas() == null ? 1 : stable.component().minReplicas();
    for (int i = 0; i < canary.size(); i++) {
      String path = "spec.canary[" + i + "]";
      io.kserve4j.core.spec.CanarySpec c = canary.get(i);
      PredictorSpec p = c.predictor();
      String name = p.name();
      if (name == null || isBlank(name)) {
        out.add(
            new Violation(
                path + ".predictor.name",
                null,
                "is required",
                "name the canary, e.g. " + isvc.name() + "-v2"));
      } else if (!NAME.matcher(name).matches()) {
        out.add(
            new Violation(
                path + ".predictor.name",
                YamlFormat.show(name),
                "must match " + NAME_FORMAT,
                "use lower-case letters, digits and '-', e.g. " + suggestName(name)));
      } else if (name.equals(stable.name())) {
        out.add(
            new Violation(
                path + ".predictor.name",
                YamlFormat.show(name),
                "must differ from the stable predictor's name",
                "give the canary a name of its own"));
      } else if (!names.add(name)) {
        out.add(
            new Violation(
                path + ".predictor.name",
                YamlFormat.show(name),
                "names another canary too",
                "give each canary a name of its own"));
      }
      Long percent = c.trafficPercent();
      if (percent == null) {
        out.add(
            new Violation(
                path + ".trafficPercent",
                null,
                "is required",
                "give the canary's share of traffic in percent (0 for a dark launch)"));
      } else if (percent < 0 || percent > 100) {
        out.add(
            new Violation(
                path + ".trafficPercent",
                percent,
                "must be between 0 and 100",
                "give the canary's share of traffic in percent"));
      } else {
        sum += percent;
      }
      int implementations = p.model() == null ? 0 : 1;
      for (String shortcut : SpecReader.SHORTCUTS) {
        if (p.extra().get(shortcut) != null) {
          implementations++;
        }
      }
      if (implementations > 1) {
        out.add(
            new Violation(
                path + ".predictor",
                null,
                "must set at most one implementation",
                "keep one of model: and the framework shortcuts"));
      }
      for (String field : CANARY_FORBIDDEN) {
        Object value =
            switch (field) {
              case "maxReplicas" -> p.component().maxReplicas();
              case "scaleTarget" -> p.component().scaleTarget();
              case "scaleMetric" -> p.component().scaleMetric();
              default -> p.extra().get(field);
            };
        if (value != null) {
          out.add(
              new Violation(
                  path + ".predictor." + field,
                  YamlFormat.show(value),
                  "cannot be set on a canary",
                  "a canary runs fixed replicas: set minReplicas, or nothing"));
        }
      }
      Integer min = p.component().minReplicas();
      if (min != null && min > stableMin) {
        out.add(
            new Violation(
                path + ".predictor.minReplicas",
                min,
                "must be at most the stable predictor's minReplicas (" + stableMin + ")",
                "lower it, or raise the stable predictor's minReplicas"));
      }
    }
    if (sum > 100) {
      out.add(
          new Violation(
              "spec.canary",
              sum + "%",
              "the canaries' trafficPercent add up to more than 100",
              "lower their shares so that the stable predictor keeps 100 minus their sum"));
    }
  }

  private static void predictor(List<Violation> out, PredictorSpec p, Scaling scaling) {
    String path = "spec.predictor";
    String name = p.name();
    if (name != null && !NAME.matcher(name).matches()) {
      out.add(
          new Violation(
              path + ".name",
              YamlFormat.show(name),
              "must match " + NAME_FORMAT,
              "use lower-case letters, digits and '-', e.g. " + suggestName(name)));
    }
    List<String> found = new ArrayList<>();
    if (p.model() != null) {
      found.add("model");
    }
    for (String shortcut : SpecReader.SHORTCUTS) {
      if (p.extra().get(shortcut) != null) {
        found.add(shortcut);
      }
    }
    List<Object> containers = list(p.extra().get("containers"));
    if (!containers.isEmpty()
        && (found.isEmpty()
            || containers.stream().anyMatch(c -> "kserve-container".equals(field(c, "name"))))) {
      found.add("containers");
    }
    if (found.size() != 1) {
      List<String> all = new ArrayList<>();
      all.add("model");
      all.addAll(SpecReader.SHORTCUTS);
      all.add("containers");
      out.add(
          new Violation(
              path,
              found.isEmpty() ? null : YamlFormat.show(found),
              "must set exactly one of " + all,
              found.isEmpty()
                  ? "add model: with modelFormat.name and storageUri, or containers: with the"
                      + " server image"
                  : "keep one of " + found + " and delete the others"));
    }

    ModelSpec model = p.model();
    if (model != null) {
      String mp = path + ".model";
      if (isBlank(model.modelFormat().name())) {
        out.add(
            new Violation(
                mp + ".modelFormat.name",
                null,
                "is required",
                "name the model's format, e.g. sklearn, onnx or pytorch"));
      }
      String protocol = model.protocolVersion();
      if (protocol != null && !PROTOCOLS.contains(protocol)) {
        out.add(
            new Violation(
                mp + ".protocolVersion",
                YamlFormat.show(protocol),
                "must be one of " + PROTOCOLS,
                "use v2 for the Open Inference Protocol, v1 for KServe's v1 protocol"));
      }
      Object containerName = model.extra().get("name");
      if (containerName != null) {
        out.add(
            new Violation(
                mp + ".name",
                YamlFormat.show(containerName),
                "must not be set on model or a framework shortcut",
                "delete it; KServe names the model's container kserve-container"));
      }
      env(out, mp, model.extra());
    }
    storageUris(out, path, p.extra(), model == null ? null : model.storageUri());
    podEnv(out, path, p.extra());
    Object worker = p.extra().get("workerSpec");
    if (worker instanceof Map) {
      podEnv(out, path + ".workerSpec", asMap(worker));
    }
    component(out, path, p.component(), p.extra(), scaling);
  }

  private static void storageUris(
      List<Violation> out, String path, Map<String, Object> extra, @Nullable String storageUri) {
    Object uris = extra.get("storageUris");
    if (uris == null) {
      return;
    }
    if (storageUri != null) {
      out.add(
          new Violation(
              path + ".storageUris",
              YamlFormat.show(uris),
              "must not be set together with " + path + ".model.storageUri",
              "keep storageUri for one model location, or move it into storageUris"));
    }
    List<Object> entries = list(uris);
    for (int i = 0; i < entries.size(); i++) {
      String ep = path + ".storageUris[" + i + "]";
      Object uri = field(entries.get(i), "uri");
      if (uri == null || uri.toString().isEmpty()) {
        out.add(
            new Violation(
                ep + ".uri", null, "is required", "give the location, e.g. s3://bucket/models"));
      }
      Object mountPath = field(entries.get(i), "mountPath");
      if (mountPath != null) {
        String mount = mountPath.toString();
        if (mount.equals("/")) {
          out.add(
              new Violation(
                  ep + ".mountPath",
                  YamlFormat.show(mount),
                  "must not be /",
                  "mount the model under a directory such as /mnt/models"));
        } else if (!mount.startsWith("/") || mount.contains("..")) {
          out.add(
              new Violation(
                  ep + ".mountPath",
                  YamlFormat.show(mount),
                  "must be an absolute path without '..'",
                  "use a path such as /mnt/models"));
        }
      }
    }
  }

  // ---- component fields

  private static void component(
      List<Violation> out,
      String path,
      ComponentExtensionSpec c,
      Map<String, Object> extra,
      Scaling scaling) {
    Integer min = c.minReplicas();
    Integer max = c.maxReplicas();
    if (min != null && min < 0) {
      out.add(
          new Violation(
              path + ".minReplicas", min, "must be >= 0", "use 0 to allow scale to zero"));
    }
    if (max != null && max < 0) {
      out.add(
          new Violation(
              path + ".maxReplicas", max, "must be >= 0", "use 0 for no explicit maximum"));
    }
    if (min != null && max != null && max > 0 && min > max) {
      out.add(
          new Violation(
              path + ".minReplicas",
              min,
              "must be <= maxReplicas " + max,
              "raise maxReplicas to at least " + min + " or lower minReplicas"));
    }
    Long concurrency = c.containerConcurrency();
    if (concurrency != null && concurrency < 0) {
      out.add(
          new Violation(
              path + ".containerConcurrency",
              concurrency,
              "must be >= 0",
              "use 0 for no limit, or the most requests one replica serves at once"));
    }
    Long timeout = c.timeout();
    if (timeout != null && timeout <= 0) {
      out.add(
          new Violation(
              path + ".timeout",
              timeout,
              "must be > 0 seconds",
              "give the request timeout in seconds, e.g. 60, or remove it for the default"));
    }
    Long canary = c.canaryTrafficPercent();
    if (canary != null && (canary < 0 || canary > 100)) {
      out.add(
          new Violation(
              path + ".canaryTrafficPercent",
              canary,
              "must be between 0 and 100",
              "give the latest revision's share of traffic in percent: e.g. 10 for a canary, 100"
                  + " to promote, 0 to roll back"));
    }
    scaling(out, path, c, extra, scaling);
    logger(out, path + ".logger", c.logger());
    batcher(out, path + ".batcher", c.batcher());
    knativeAnnotations(out, path, c.annotations());
  }

  private static void scaling(
      List<Violation> out,
      String path,
      ComponentExtensionSpec c,
      Map<String, Object> extra,
      Scaling scaling) {
    String metric = c.scaleMetric();
    Integer target = c.scaleTarget();
    boolean knownMetric = metric == null || SCALE_METRICS.contains(metric);
    if (!knownMetric) {
      out.add(
          new Violation(
              path + ".scaleMetric",
              YamlFormat.show(metric),
              "must be one of " + SCALE_METRICS,
              "use concurrency or rps in Knative mode, cpu or memory in Standard mode"));
    }
    if (target != null && target < 1) {
      out.add(
          new Violation(
              path + ".scaleTarget",
              target,
              "must be >= 1",
              "give the per-replica target of the scale metric, e.g. 10, or remove it for the"
                  + " default"));
    }
    switch (scaling.rules()) {
      case KPA -> {
        if (knownMetric && ("cpu".equals(metric) || "memory".equals(metric))) {
          out.add(
              new Violation(
                  path + ".scaleMetric",
                  YamlFormat.show(metric),
                  "must be concurrency or rps in Knative (Serverless) mode",
                  "use concurrency or rps, or set annotation "
                      + DEPLOYMENT_MODE
                      + ": Standard to scale on cpu or memory"));
        }
        Object strategy = extra.get("deploymentStrategy");
        if (strategy != null) {
          out.add(
              new Violation(
                  path + ".deploymentStrategy",
                  YamlFormat.show(strategy),
                  "is only supported in Standard (RawDeployment) mode",
                  "remove it, or set annotation " + DEPLOYMENT_MODE + ": Standard"));
        }
      }
      case HPA -> {
        if (knownMetric && metric != null && !metric.equals("cpu") && !metric.equals("memory")) {
          out.add(
              new Violation(
                  path + ".scaleMetric",
                  YamlFormat.show(metric),
                  "must be cpu or memory with the HPA autoscaler",
                  "use cpu or memory; concurrency and rps need Knative mode"));
        }
        if (target != null && target > 100) {
          out.add(
              new Violation(
                  path + ".scaleTarget",
                  target,
                  "must be <= 100 with the HPA autoscaler",
                  "give a utilization percent between 1 and 100, e.g. 80"));
        }
      }
      case KEDA -> {
        if (metric != null) {
          out.add(
              new Violation(
                  path + ".scaleMetric",
                  YamlFormat.show(metric),
                  "is not supported with " + AUTOSCALER_CLASS + ": keda",
                  "remove it and describe the metric under autoScaling.metrics"));
        }
      }
      case NONE -> {}
    }
  }

  private static void logger(List<Violation> out, String path, @Nullable LoggerSpec logger) {
    if (logger == null) {
      return;
    }
    String mode = logger.mode();
    if (mode == null || !LOGGER_MODES.contains(mode)) {
      out.add(
          new Violation(
              path + ".mode",
              YamlFormat.show(mode),
              "must be one of " + LOGGER_MODES,
              mode == null
                  ? "add mode: all; KServe's webhook rejects a logger without a mode"
                  : "use all to log requests and responses, or request or response alone"));
    }
    Object storage = logger.extra().get("storage");
    if (storage instanceof Map) {
      Map<String, Object> s = asMap(storage);
      if (s.get("path") == null && s.get("key") == null && s.get("parameters") == null) {
        out.add(
            new Violation(
                path + ".storage",
                YamlFormat.show(storage),
                "must set path, parameters or key",
                "add path: with the folder the logs go to"));
      }
    }
  }

  private static void batcher(List<Violation> out, String path, @Nullable BatcherSpec batcher) {
    if (batcher == null) {
      return;
    }
    Integer size = batcher.maxBatchSize();
    if (size != null && size < 1) {
      out.add(
          new Violation(
              path + ".maxBatchSize",
              size,
              "must be >= 1",
              "give the most instances per batch, e.g. 32, KServe's default, or remove it"));
    }
    Integer latency = batcher.maxLatency();
    if (latency != null && latency < 1) {
      out.add(
          new Violation(
              path + ".maxLatency",
              latency,
              "must be >= 1 millisecond",
              "give the longest wait in milliseconds, e.g. 5000, KServe's default, or remove it"));
    }
    Integer timeout = batcher.timeout();
    if (timeout != null && timeout < 1) {
      out.add(
          new Violation(
              path + ".timeout",
              timeout,
              "must be >= 1 second",
              "give a timeout in seconds, or remove it: KServe never uses it"));
    }
  }

  // ---- annotations

  private static void knativeAnnotations(
      List<Violation> out, String path, Map<String, String> annotations) {
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(KNATIVE)) {
        continue;
      }
      String name = key.substring(KNATIVE.length());
      String value = e.getValue();
      String at = annotationPath(path, key);
      if (KNATIVE_SCALES.contains(name)) {
        if (!isNonNegativeInteger(value)) {
          boolean minMax = !name.startsWith("initial");
          out.add(
              new Violation(
                  at,
                  YamlFormat.show(value),
                  "must be an integer >= 0",
                  minMax
                      ? "write a whole number such as \"1\"; better, use minReplicas and"
                          + " maxReplicas, which KServe applies"
                      : "write a whole number such as \"1\""));
        }
      } else if (name.equals("target")) {
        if (!isPositiveNumber(value)) {
          out.add(
              new Violation(
                  at,
                  YamlFormat.show(value),
                  "must be a number > 0",
                  "write the per-replica target such as \"100\", or use scaleTarget"));
        }
      } else if (name.equals("window")) {
        Duration d = goDuration(value);
        if (d == null || d.compareTo(MIN_WINDOW) < 0 || d.compareTo(MAX_WINDOW) > 0) {
          out.add(
              new Violation(
                  at,
                  YamlFormat.show(value),
                  "must be a duration between 6s and 1h",
                  "write a duration such as \"60s\" or \"2m\""));
        }
      }
    }
  }

  private static String annotationPath(String path, String key) {
    return path + ".annotations[" + key + "]";
  }

  // ---- environment variables

  /** Checks the containers, init containers of a pod-like map for blocked env. */
  private static void podEnv(List<Violation> out, String path, Map<String, Object> pod) {
    for (String list : List.of("containers", "initContainers")) {
      List<Object> containers = list(pod.get(list));
      for (int i = 0; i < containers.size(); i++) {
        env(out, path + "." + list + "[" + i + "]", containers.get(i));
      }
    }
  }

  /** KServe rejects {@code PYTHONPATH} in every container it runs. */
  private static void env(List<Violation> out, String path, @Nullable Object container) {
    List<Object> env = list(field(container, "env"));
    for (int i = 0; i < env.size(); i++) {
      Object name = field(env.get(i), "name");
      if ("PYTHONPATH".equals(name)) {
        out.add(
            new Violation(
                path + ".env[" + i + "].name",
                YamlFormat.show(name),
                "must not be set",
                "remove this env entry; KServe rejects PYTHONPATH in every container"));
      }
    }
  }

  // ---- values

  /**
   * Checks one place KServe reads the deployment mode from.
   *
   * @return whether the value is unset or names a mode kserve4j runs
   */
  private static boolean deploymentMode(List<Violation> out, String path, @Nullable String value) {
    if (value == null || DeploymentMode.of(value) != null) {
      return true;
    }
    if (value.equals(MODEL_MESH)) {
      out.add(
          new Violation(
              path,
              YamlFormat.show(value),
              "is not supported in a JVM: ModelMesh serves models from a cluster of ModelMesh pods",
              "use Knative (the default) or Standard; deploy ModelMesh services to a cluster with"
                  + " ModelMesh installed"));
    } else {
      out.add(
          new Violation(
              path,
              YamlFormat.show(value),
              "must be one of " + DEPLOYMENT_MODES,
              "use Standard for Deployments scaled by HPA, or Knative for Knative Services that"
                  + " scale to zero; Serverless and RawDeployment are their old names"));
    }
    return false;
  }

  private enum Rules {
    KPA,
    HPA,
    KEDA,
    NONE
  }

  /** Which autoscaling rules apply, as KServe's webhook picks them. */
  private static final class Scaling {
    private final Rules rules;

    /** {@code mode} is null when the service names a mode kserve4j cannot run. */
    Scaling(
        @Nullable DeploymentMode mode,
        @Nullable String autoscalerClass,
        @Nullable String knativeClass) {
      if (mode == DeploymentMode.KNATIVE) {
        rules = KNATIVE_HPA.equals(knativeClass) ? Rules.HPA : Rules.KPA;
      } else if (mode == DeploymentMode.STANDARD && "hpa".equals(autoscalerClass)) {
        rules = Rules.HPA;
      } else if (mode == DeploymentMode.STANDARD && "keda".equals(autoscalerClass)) {
        rules = Rules.KEDA;
      } else {
        rules = Rules.NONE; // Standard without a class, external, none; no mode
      }
    }

    Rules rules() {
      return rules;
    }
  }

  private static boolean isBlank(@Nullable String s) {
    return s == null || s.isBlank();
  }

  /** Digits only, and at most Knative's int32 maximum. */
  private static boolean isNonNegativeInteger(String s) {
    if (!s.matches("[0-9]+")) {
      return false;
    }
    try {
      Integer.parseInt(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isPositiveNumber(String s) {
    try {
      return new BigDecimal(s.trim()).signum() > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A Go duration ({@code 60s}, {@code 1m30s}, {@code 1h}), or {@code null}. */
  static @Nullable Duration goDuration(String s) {
    if (s.isEmpty()) {
      return null;
    }
    Matcher m = GO_DURATION.matcher(s);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        return null;
      }
      end = m.end();
      long unit =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
    }
    if (end != s.length() || nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return null;
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** A name like {@code bad} that matches KServe's format, for a fix to suggest. */
  static String suggestName(String bad) {
    String s = bad.toLowerCase(Locale.ROOT).replaceAll("[^-a-z0-9]+", "-");
    s = s.replaceAll("^[^a-z]+", "").replaceAll("-+$", "").replaceAll("-{2,}", "-");
    return s.isEmpty() ? "my-model" : s;
  }

  private static List<Object> list(@Nullable Object value) {
    if (value instanceof List) {
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) value;
      return list;
    }
    return List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  private static @Nullable Object field(@Nullable Object map, String name) {
    return map instanceof Map ? ((Map<?, ?>) map).get(name) : null;
  }
}
