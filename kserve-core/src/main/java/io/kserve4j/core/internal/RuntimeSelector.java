package io.kserve4j.core.internal;

import io.kserve4j.core.runtime.ServingRuntime;
import io.kserve4j.core.spec.ModelFormat;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.ObjectMeta;
import io.kserve4j.core.spec.ServingRuntimeResource;
import io.kserve4j.core.spec.ServingRuntimeSpec;
import io.kserve4j.core.spec.SpecValidationException;
import io.kserve4j.core.spec.SupportedModelFormat;
import io.kserve4j.core.spec.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the runtime for a model with KServe's rules (KSERVE-FACTS §b2): an explicit {@code
 * runtime} by name (namespace ServingRuntimes first, then ClusterServingRuntimes); otherwise the
 * enabled, single-model runtimes whose auto-selectable formats contain the model's {@code
 * mt:<name>[:<version>]} label and that speak its protocol, namespace runtimes before cluster
 * runtimes, each scope ordered by lowest protocol rank, then name, then (stable) by priority.
 *
 * <p>The built-in runtimes found with {@link ServiceLoader} take part as ClusterServingRuntimes. A
 * ServingRuntime read from YAML is served by the built-in its annotation {@value
 * #IMPLEMENTATION_ANNOTATION} names, or by the built-in of the same name. KServe's own shipped
 * runtime names ({@code kserve-xgbserver}...) named explicitly are checked against that runtime's
 * formats and protocols as KServe checks them, then select among the built-ins, the runtime's
 * counterpart first ({@code kserve-xgbserver}: {@code kserve4j-xgboost}).
 *
 * <p><b>The model's files.</b> When more than one runtime remains, in KServe's order, the first
 * whose {@link ServingRuntime#canLoad} accepts the model's artifact is chosen (a {@code .onnx} file
 * declared as modelFormat {@code xgboost} goes to the ONNX runtime, an XGBoost {@code model.json}
 * to {@code kserve4j-xgboost}); when none accepts it, KServe's first, whose load then says what is
 * wrong. An explicit runtime of the user's own is never second-guessed.
 *
 * <p><b>No runtime.</b> A format that no runtime on the class path declares is refused naming the
 * artifact that serves it ({@code modelFormat xgboost needs the artifact
 * io.kserve4j:kserve4j-xgboost}).
 */
public final class RuntimeSelector {
  /** Annotation on a YAML ServingRuntime naming the built-in runtime that serves it in a JVM. */
  public static final String IMPLEMENTATION_ANNOTATION = "serving.kserve4j.io/runtime";

  private final List<Candidate> candidates;
  private final List<ServingRuntime> builtIns;

  /** A runtime taking part in selection: its resource and, when known, its implementation. */
  private record Candidate(ServingRuntimeResource resource, @Nullable ServingRuntime builtIn) {}

  /** The outcome: the runtime's resource name and the implementation that loads the model. */
  public record Selection(String runtimeName, boolean clusterScoped, ServingRuntime runtime) {}

  /**
   * @param builtIns the built-in runtimes (the SPI implementations)
   * @param declared ServingRuntimes and ClusterServingRuntimes read from YAML
   */
  public RuntimeSelector(List<ServingRuntime> builtIns, List<ServingRuntimeResource> declared) {
    this.builtIns = List.copyOf(builtIns);
    List<Candidate> all = new ArrayList<>();
    for (ServingRuntimeResource r : declared) {
      all.add(new Candidate(r, null));
    }
    for (ServingRuntime rt : builtIns) {
      all.add(new Candidate(asResource(rt), rt));
    }
    this.candidates = List.copyOf(all);
  }

  /** The runtimes {@link ServiceLoader} finds with this class loader, plus {@code extra}. */
  public static List<ServingRuntime> discover(List<ServingRuntime> extra) {
    List<ServingRuntime> found = new ArrayList<>(extra);
    Set<String> names = new LinkedHashSet<>();
    for (ServingRuntime rt : extra) {
      names.add(rt.name());
    }
    for (ServingRuntime rt :
        ServiceLoader.load(ServingRuntime.class, RuntimeSelector.class.getClassLoader())) {
      if (names.add(rt.name())) {
        found.add(rt);
      }
    }
    return found;
  }

  /**
   * Selects the runtime for {@code model} of a service in {@code namespace}.
   *
   * @param subject the service, for errors
   * @throws SpecValidationException with KServe's reason (RuntimeNotRecognized, RuntimeDisabled,
   *     NoSupportingRuntime) and the formats on offer
   */
  public Selection select(String subject, String namespace, ModelSpec model) {
    return select(subject, namespace, model, () -> null);
  }

  /**
   * Selects the runtime for {@code model} of a service in {@code namespace}, looking at the model's
   * files when KServe's rules leave several runtimes (see the class description).
   *
   * @param artifact the model's files on local disk, resolved on demand (called at most once, and
   *     only when the choice depends on it); {@code null} when unknown
   * @throws SpecValidationException with KServe's reason (RuntimeNotRecognized, RuntimeDisabled,
   *     NoSupportingRuntime) and the formats on offer, or the artifact to add for the format
   */
  public Selection select(
      String subject, String namespace, ModelSpec model, Supplier<@Nullable Path> artifact) {
    String explicit = model.runtime();
    KServeRuntimes.Shipped shipped = explicit == null ? null : KServeRuntimes.shipped(explicit);
    if (explicit != null && shipped == null) {
      return explicit(subject, namespace, model, explicit);
    }
    if (shipped != null) {
      checkShipped(subject, model, shipped);
    }
    List<Candidate> namespaced = new ArrayList<>();
    List<Candidate> cluster = new ArrayList<>();
    for (Candidate c : candidates) {
      ServingRuntimeSpec spec = c.resource().spec();
      if (spec.isDisabled() || spec.isMultiModel()) {
        continue;
      }
      if (explicit != null && c.builtIn() == null) {
        continue; // a KServe shipped name: choose among the built-ins
      }
      if (!supports(spec, model.modelFormat(), true) || !speaks(spec, model)) {
        continue;
      }
      if (c.resource().isClusterScoped()) {
        cluster.add(c);
      } else if (namespace.equals(c.resource().metadata().namespaceOrDefault())) {
        namespaced.add(c);
      }
    }
    String format = model.modelFormat().name();
    Comparator<Candidate> order =
        Comparator.comparingInt((Candidate c) -> lowestProtocolRank(c.resource().spec()))
            .thenComparing(c -> c.resource().name());
    namespaced.sort(order);
    cluster.sort(order);
    Comparator<Candidate> byPriority =
        Comparator.comparingInt((Candidate c) -> -priority(c.resource().spec(), format));
    namespaced.sort(byPriority); // List.sort is stable
    cluster.sort(byPriority);
    List<Candidate> ordered = new ArrayList<>(namespaced);
    ordered.addAll(cluster);
    if (ordered.isEmpty()) {
      throw noSupportingRuntime(subject, model, explicit);
    }
    String counterpart = shipped == null ? null : shipped.counterpart(format);
    if (counterpart != null) {
      // The built-in that stands for the named KServe runtime goes first (List.sort is stable).
      ordered.sort(Comparator.comparingInt(c -> c.resource().name().equals(counterpart) ? 0 : 1));
    }
    return firstThatLoads(subject, ordered, artifact);
  }

  /**
   * KServe's check of an explicit runtime, against what KServe's shipped runtime of that name
   * declares: the model's format and version among its formats (autoSelect ignored), its protocol
   * among its protocols.
   */
  private static void checkShipped(
      String subject, ModelSpec model, KServeRuntimes.Shipped shipped) {
    ServingRuntimeSpec spec = shipped.spec();
    if (!supports(spec, model.modelFormat(), false) || !speaks(spec, model)) {
      throw new SpecValidationException(
          subject,
          List.of(
              new Violation(
                  "spec.predictor.model.runtime",
                  shipped.name(),
                  "KServe's "
                      + shipped.name()
                      + " does not support modelFormat "
                      + label(model.modelFormat())
                      + " with protocol "
                      + model.protocolVersionOrDefault()
                      + " (NoSupportingRuntime)",
                  "it serves "
                      + formats(spec)
                      + " over "
                      + (spec.protocolVersions().isEmpty()
                          ? "any protocol"
                          : spec.protocolVersions())
                      + "; unset runtime to select one automatically")));
    }
  }

  /**
   * The first of {@code ordered} whose runtime can load the model's artifact; the first of all when
   * there is one candidate, the artifact is unknown, or no runtime can load it.
   */
  private Selection firstThatLoads(
      String subject, List<Candidate> ordered, Supplier<@Nullable Path> artifact) {
    if (ordered.size() > 1) {
      Path path = artifact.get();
      if (path != null) {
        for (Candidate c : ordered) {
          ServingRuntime impl = implementation(c);
          if (impl == null || canLoad(impl, path)) {
            return implement(subject, c);
          }
        }
      }
    }
    return implement(subject, ordered.get(0));
  }

  private static boolean canLoad(ServingRuntime runtime, Path path) {
    try {
      return runtime.canLoad(path);
    } catch (RuntimeException e) {
      return true; // a runtime whose check fails is not skipped: its load reports the problem
    }
  }

  private Selection explicit(String subject, String namespace, ModelSpec model, String name) {
    Candidate found = null;
    for (Candidate c : candidates) {
      if (!c.resource().isClusterScoped()
          && c.resource().name().equals(name)
          && namespace.equals(c.resource().metadata().namespaceOrDefault())) {
        found = c;
        break;
      }
    }
    if (found == null) {
      for (Candidate c : candidates) {
        if (c.resource().isClusterScoped() && c.resource().name().equals(name)) {
          found = c;
          break;
        }
      }
    }
    if (found == null) {
      throw new SpecValidationException(
          subject,
          List.of(
              new Violation(
                  "spec.predictor.model.runtime",
                  name,
                  "no ServingRuntime or ClusterServingRuntime has this name (RuntimeNotRecognized)",
                  "use one of "
                      + runtimeNames()
                      + ", or unset runtime to select one automatically")));
    }
    ServingRuntimeSpec spec = found.resource().spec();
    if (spec.isDisabled()) {
      throw new SpecValidationException(
          subject,
          List.of(
              new Violation(
                  "spec.predictor.model.runtime",
                  name,
                  "the runtime is disabled (RuntimeDisabled)",
                  "enable it (spec.disabled: false) or choose another runtime")));
    }
    if (!supports(spec, model.modelFormat(), false) || !speaks(spec, model)) {
      throw new SpecValidationException(
          subject,
          List.of(
              new Violation(
                  "spec.predictor.model.runtime",
                  name,
                  "the runtime does not support modelFormat "
                      + label(model.modelFormat())
                      + " with protocol "
                      + model.protocolVersionOrDefault()
                      + " (NoSupportingRuntime)",
                  "it serves "
                      + formats(spec)
                      + " over "
                      + (spec.protocolVersions().isEmpty()
                          ? "any protocol"
                          : spec.protocolVersions()))));
    }
    return implement(subject, found);
  }

  /** The runtime that serves a candidate: itself, or the built-in a YAML runtime names. */
  private @Nullable ServingRuntime implementation(Candidate c) {
    ServingRuntime impl = c.builtIn();
    if (impl != null) {
      return impl;
    }
    String wanted = implementationName(c.resource());
    for (ServingRuntime rt : builtIns) {
      if (rt.name().equals(wanted)) {
        return rt;
      }
    }
    return null;
  }

  private static String implementationName(ServingRuntimeResource r) {
    return Objects.requireNonNullElse(
        r.metadata().annotations().get(IMPLEMENTATION_ANNOTATION), r.name());
  }

  private Selection implement(String subject, Candidate chosen) {
    ServingRuntimeResource r = chosen.resource();
    ServingRuntime impl = implementation(chosen);
    if (impl == null) {
      throw new SpecValidationException(
          subject,
          List.of(
              new Violation(
                  r.kind() + " '" + r.name() + "'",
                  implementationName(r),
                  "was selected but no runtime in this JVM implements it",
                  "annotate the runtime with "
                      + IMPLEMENTATION_ANNOTATION
                      + ": <one of "
                      + builtInNames()
                      + ">, or add a ServingRuntime implementation of that name to the class"
                      + " path")));
    }
    return new Selection(r.name(), r.isClusterScoped(), impl);
  }

  private SpecValidationException noSupportingRuntime(
      String subject, ModelSpec model, @Nullable String explicit) {
    Set<String> offered = new LinkedHashSet<>();
    boolean declared = false;
    String format = model.modelFormat().name();
    for (Candidate c : candidates) {
      if (!c.resource().spec().isDisabled()) {
        for (SupportedModelFormat f : c.resource().spec().supportedModelFormats()) {
          declared |= f.name().equals(format);
          if (f.isAutoSelect()) {
            offered.add(f.version() == null ? f.name() : f.name() + ":" + f.version());
          }
        }
      }
    }
    KServeRuntimes.FormatArtifact artifact = KServeRuntimes.artifactFor(format);
    String why =
        explicit != null
            ? "KServe's runtime '" + explicit + "' has no in-JVM counterpart for this format"
            : "no enabled runtime auto-selects this format and version over protocol "
                + model.protocolVersionOrDefault();
    String fix =
        !declared && artifact != null
            ? "modelFormat "
                + format
                + " needs the artifact "
                + artifact.artifact()
                + " ("
                + artifact.note()
                + "): add it to the class path; formats on offer: "
                + offered
            : "formats on offer: "
                + offered
                + "; export the model to ONNX (modelFormat onnx), or add a jar that provides"
                + " a io.kserve4j.core.runtime.ServingRuntime for it (ServiceLoader)";
    return new SpecValidationException(
        subject,
        List.of(
            new Violation(
                "spec.predictor.model.modelFormat",
                label(model.modelFormat()),
                why + " (NoSupportingRuntime)",
                fix)));
  }

  /** KServe's label match: {@code mt:name} or {@code mt:name:version}, exact strings. */
  private static boolean supports(ServingRuntimeSpec spec, ModelFormat format, boolean autoOnly) {
    for (SupportedModelFormat f : spec.supportedModelFormats()) {
      if (autoOnly && !f.isAutoSelect()) {
        continue;
      }
      if (!f.name().equals(format.name())) {
        continue;
      }
      if (format.version() == null || format.version().equals(f.version())) {
        return true;
      }
    }
    return false;
  }

  private static boolean speaks(ServingRuntimeSpec spec, ModelSpec model) {
    return spec.protocolVersions().isEmpty()
        || spec.protocolVersions().contains(model.protocolVersionOrDefault());
  }

  private static int lowestProtocolRank(ServingRuntimeSpec spec) {
    int best = 5;
    for (String p : spec.protocolVersions()) {
      int rank =
          switch (p) {
            case "v1" -> 1;
            case "v2" -> 2;
            case "grpc-v1" -> 3;
            case "grpc-v2" -> 4;
            default -> 5;
          };
      best = Math.min(best, rank);
    }
    return best;
  }

  /** The priority of the first entry with this format name; 0 (after any priority) when none. */
  private static int priority(ServingRuntimeSpec spec, String format) {
    for (SupportedModelFormat f : spec.supportedModelFormats()) {
      if (f.name().equals(format)) {
        Integer p = f.priority();
        return p == null ? 0 : p;
      }
    }
    return 0;
  }

  private static String label(ModelFormat f) {
    return f.version() == null ? f.name() : f.name() + ":" + f.version();
  }

  private static String formats(ServingRuntimeSpec spec) {
    List<String> out = new ArrayList<>();
    for (SupportedModelFormat f : spec.supportedModelFormats()) {
      out.add(f.version() == null ? f.name() : f.name() + ":" + f.version());
    }
    return out.toString();
  }

  private List<String> runtimeNames() {
    List<String> out = new ArrayList<>();
    for (Candidate c : candidates) {
      out.add(c.resource().name());
    }
    return out;
  }

  private List<String> builtInNames() {
    List<String> out = new ArrayList<>();
    for (ServingRuntime rt : builtIns) {
      out.add(rt.name());
    }
    return out;
  }

  /** A built-in runtime as the ClusterServingRuntime it stands for. */
  static ServingRuntimeResource asResource(ServingRuntime rt) {
    return new ServingRuntimeResource(
        ServingRuntimeResource.API_VERSION,
        ServingRuntimeResource.CLUSTER_KIND,
        ObjectMeta.named(rt.name()),
        new ServingRuntimeSpec(
            rt.supportedModelFormats(), rt.protocolVersions(), false, false, Map.of()),
        Map.of());
  }
}
