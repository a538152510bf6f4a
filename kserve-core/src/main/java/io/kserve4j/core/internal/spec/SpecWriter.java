package io.kserve4j.core.internal.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kserve4j.core.spec.BatcherSpec;
import io.kserve4j.core.spec.CanarySpec;
import io.kserve4j.core.spec.ComponentExtensionSpec;
import io.kserve4j.core.spec.ExplainerSpec;
import io.kserve4j.core.spec.InferenceGraphResource;
import io.kserve4j.core.spec.InferenceGraphSpec;
import io.kserve4j.core.spec.InferenceRouter;
import io.kserve4j.core.spec.InferenceRouterType;
import io.kserve4j.core.spec.InferenceServiceResource;
import io.kserve4j.core.spec.InferenceServiceSpec;
import io.kserve4j.core.spec.InferenceStep;
import io.kserve4j.core.spec.InferenceStepDependencyType;
import io.kserve4j.core.spec.KServeDocuments;
import io.kserve4j.core.spec.LoggerSpec;
import io.kserve4j.core.spec.ModelSpec;
import io.kserve4j.core.spec.ObjectMeta;
import io.kserve4j.core.spec.PredictorSpec;
import io.kserve4j.core.spec.RouterTimeouts;
import io.kserve4j.core.spec.ServingRuntimeResource;
import io.kserve4j.core.spec.ServingRuntimeSpec;
import io.kserve4j.core.spec.StorageSpec;
import io.kserve4j.core.spec.SupportedModelFormat;
import io.kserve4j.core.spec.TrainedModelResource;
import io.kserve4j.core.spec.TrainedModelSpec;
import io.kserve4j.core.spec.TransformerSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes the spec records as KServe YAML: KServe's field names, unset fields omitted, and each
 * record's {@code extra} fields merged back into the mapping they were read from.
 *
 * <p>Merging adds what the modelled fields do not already say: an extra mapping merges into a
 * modelled mapping of the same name (so {@code batcher}'s unknown fields rejoin {@code batcher}),
 * an extra list merges entry by entry into a modelled list of the same length, and a modelled
 * scalar wins over an extra one.
 */
public final class SpecWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SpecWriter() {}

  /** One InferenceService as a YAML document. */
  public static String write(InferenceServiceResource service) {
    return YamlFormat.write(inferenceService(service));
  }

  /** One (Cluster)ServingRuntime as a YAML document. */
  public static String write(ServingRuntimeResource runtime) {
    return YamlFormat.write(servingRuntime(runtime));
  }

  /** One InferenceGraph as a YAML document. */
  public static String write(InferenceGraphResource graph) {
    return YamlFormat.write(inferenceGraph(graph));
  }

  /** One TrainedModel as a YAML document. */
  public static String write(TrainedModelResource trainedModel) {
    return YamlFormat.write(trainedModel(trainedModel));
  }

  /**
   * Every document, separated by {@code ---}: runtimes first, then InferenceServices,
   * InferenceGraphs and TrainedModels, the order in which a cluster can accept them.
   */
  public static String write(KServeDocuments documents) {
    List<String> parts = new ArrayList<>();
    documents.servingRuntimes().forEach(r -> parts.add(write(r)));
    documents.inferenceServices().forEach(s -> parts.add(write(s)));
    documents.inferenceGraphs().forEach(g -> parts.add(write(g)));
    documents.trainedModels().forEach(t -> parts.add(write(t)));
    return String.join("---\n", parts);
  }

  /** An InferenceService as a tree. */
  public static ObjectNode inferenceService(InferenceServiceResource r) {
    ObjectNode n = NODES.objectNode();
    n.put("apiVersion", r.apiVersion());
    n.put("kind", r.kind());
    n.set("metadata", metadata(r.metadata()));
    n.set("spec", spec(r.spec()));
    merge(n, r.extra());
    return n;
  }

  /** A (Cluster)ServingRuntime as a tree. */
  public static ObjectNode servingRuntime(ServingRuntimeResource r) {
    ObjectNode n = NODES.objectNode();
    n.put("apiVersion", r.apiVersion());
    n.put("kind", r.kind());
    n.set("metadata", metadata(r.metadata()));
    n.set("spec", runtimeSpec(r.spec()));
    merge(n, r.extra());
    return n;
  }

  /** An InferenceGraph as a tree. */
  public static ObjectNode inferenceGraph(InferenceGraphResource r) {
    ObjectNode n = NODES.objectNode();
    n.put("apiVersion", r.apiVersion());
    n.put("kind", r.kind());
    n.set("metadata", metadata(r.metadata()));
    n.set("spec", graphSpec(r.spec()));
    merge(n, r.extra());
    return n;
  }

  /** A TrainedModel as a tree. */
  public static ObjectNode trainedModel(TrainedModelResource r) {
    ObjectNode n = NODES.objectNode();
    n.put("apiVersion", r.apiVersion());
    n.put("kind", r.kind());
    n.set("metadata", metadata(r.metadata()));
    ObjectNode spec = n.putObject("spec");
    TrainedModelSpec s = r.spec();
    putText(spec, "inferenceService", s.inferenceService());
    ObjectNode model = spec.putObject("model");
    putText(model, "storageUri", s.model().storageUri());
    putText(model, "framework", s.model().framework());
    putText(model, "memory", s.model().memory());
    merge(n, r.extra());
    return n;
  }

  private static ObjectNode graphSpec(InferenceGraphSpec s) {
    ObjectNode n = NODES.objectNode();
    if (!s.nodes().isEmpty()) {
      ObjectNode nodes = n.putObject("nodes");
      for (Map.Entry<String, InferenceRouter> e : s.nodes().entrySet()) {
        ObjectNode node = nodes.putObject(e.getKey());
        InferenceRouterType type = e.getValue().routerType();
        put(node, "routerType", type == null ? null : type.kserveName());
        if (!e.getValue().steps().isEmpty()) {
          ArrayNode steps = node.putArray("steps");
          e.getValue().steps().forEach(step -> steps.add(step(step)));
        }
      }
    }
    put(n, "resources", s.resources());
    put(n, "affinity", s.affinity());
    put(n, "timeout", s.timeout());
    RouterTimeouts t = s.routerTimeouts();
    if (t != null) {
      ObjectNode tn = n.putObject("routerTimeouts");
      put(tn, "serverRead", t.serverRead());
      put(tn, "serverWrite", t.serverWrite());
      put(tn, "serverIdle", t.serverIdle());
      put(tn, "serviceClient", t.serviceClient());
    }
    put(n, "minReplicas", s.minReplicas());
    put(n, "maxReplicas", s.maxReplicas());
    put(n, "scaleTarget", s.scaleTarget());
    put(n, "scaleMetric", s.scaleMetric());
    if (!s.tolerations().isEmpty()) {
      n.set("tolerations", YamlFormat.tree(s.tolerations()));
    }
    putMap(n, "nodeSelector", s.nodeSelector());
    put(n, "nodeName", s.nodeName());
    put(n, "serviceAccountName", s.serviceAccountName());
    return n;
  }

  private static ObjectNode step(InferenceStep s) {
    ObjectNode n = NODES.objectNode();
    put(n, "name", s.name());
    put(n, "nodeName", s.nodeName());
    put(n, "serviceName", s.serviceName());
    put(n, "serviceUrl", s.serviceUrl());
    put(n, "data", s.data());
    put(n, "mapPredictionsToInstances", s.mapPredictionsToInstances());
    put(n, "weight", s.weight());
    put(n, "condition", s.condition());
    InferenceStepDependencyType dependency = s.dependency();
    put(n, "dependency", dependency == null ? null : dependency.kserveName());
    return n;
  }

  private static ObjectNode metadata(ObjectMeta m) {
    ObjectNode n = NODES.objectNode();
    putText(n, "name", m.name());
    put(n, "namespace", m.namespace());
    putMap(n, "labels", m.labels());
    putMap(n, "annotations", m.annotations());
    merge(n, m.extra());
    return n;
  }

  private static ObjectNode spec(InferenceServiceSpec s) {
    ObjectNode n = NODES.objectNode();
    n.set("predictor", predictor(s.predictor()));
    TransformerSpec t = s.transformer();
    if (t != null) {
      ObjectNode tn = NODES.objectNode();
      component(tn, t.component());
      merge(tn, t.extra());
      n.set("transformer", tn);
    }
    ExplainerSpec e = s.explainer();
    if (e != null) {
      ObjectNode en = NODES.objectNode();
      component(en, e.component());
      merge(en, e.extra());
      n.set("explainer", en);
    }
    if (!s.canary().isEmpty()) {
      ArrayNode list = n.putArray("canary");
      for (CanarySpec c : s.canary()) {
        ObjectNode cn = list.addObject();
        cn.set("predictor", predictor(c.predictor()));
        put(cn, "trafficPercent", c.trafficPercent());
        merge(cn, c.extra());
      }
    }
    merge(n, s.extra());
    return n;
  }

  private static ObjectNode predictor(PredictorSpec p) {
    ObjectNode n = NODES.objectNode();
    put(n, "name", p.name());
    ModelSpec model = p.model();
    if (model != null) {
      n.set("model", model(model));
    }
    component(n, p.component());
    merge(n, p.extra());
    return n;
  }

  private static ObjectNode model(ModelSpec m) {
    ObjectNode n = NODES.objectNode();
    ObjectNode format = NODES.objectNode();
    putText(format, "name", m.modelFormat().name());
    put(format, "version", m.modelFormat().version());
    n.set("modelFormat", format);
    put(n, "runtime", m.runtime());
    put(n, "runtimeVersion", m.runtimeVersion());
    put(n, "protocolVersion", m.protocolVersion());
    put(n, "storageUri", m.storageUri());
    StorageSpec s = m.storage();
    if (s != null) {
      ObjectNode sn = NODES.objectNode();
      put(sn, "key", s.key());
      put(sn, "path", s.path());
      putMap(sn, "parameters", s.parameters());
      put(sn, "schemaPath", s.schemaPath());
      n.set("storage", sn);
    }
    merge(n, m.extra());
    return n;
  }

  private static void component(ObjectNode n, ComponentExtensionSpec c) {
    put(n, "minReplicas", c.minReplicas());
    put(n, "maxReplicas", c.maxReplicas());
    put(n, "scaleTarget", c.scaleTarget());
    put(n, "scaleMetric", c.scaleMetric());
    put(n, "containerConcurrency", c.containerConcurrency());
    put(n, "timeout", c.timeout());
    put(n, "canaryTrafficPercent", c.canaryTrafficPercent());
    BatcherSpec b = c.batcher();
    if (b != null) {
      ObjectNode bn = NODES.objectNode();
      put(bn, "maxBatchSize", b.maxBatchSize());
      put(bn, "maxLatency", b.maxLatency());
      put(bn, "timeout", b.timeout());
      n.set("batcher", bn);
    }
    LoggerSpec l = c.logger();
    if (l != null) {
      ObjectNode ln = NODES.objectNode();
      put(ln, "url", l.url());
      put(ln, "mode", l.mode());
      putList(ln, "metadataHeaders", l.metadataHeaders());
      putList(ln, "metadataAnnotations", l.metadataAnnotations());
      merge(ln, l.extra());
      n.set("logger", ln);
    }
    putMap(n, "labels", c.labels());
    putMap(n, "annotations", c.annotations());
  }

  private static ObjectNode runtimeSpec(ServingRuntimeSpec s) {
    ObjectNode n = NODES.objectNode();
    if (!s.supportedModelFormats().isEmpty()) {
      ArrayNode formats = n.putArray("supportedModelFormats");
      for (SupportedModelFormat f : s.supportedModelFormats()) {
        ObjectNode fn = formats.addObject();
        putText(fn, "name", f.name());
        put(fn, "version", f.version());
        put(fn, "autoSelect", f.autoSelect());
        put(fn, "priority", f.priority());
      }
    }
    putList(n, "protocolVersions", s.protocolVersions());
    put(n, "multiModel", s.multiModel());
    put(n, "disabled", s.disabled());
    merge(n, s.extra());
    return n;
  }

  // ---- helpers

  /** A required text field: written unless empty (the reader's stand-in for "missing"). */
  private static void putText(ObjectNode n, String name, @Nullable String value) {
    if (value != null && !value.isEmpty()) {
      n.put(name, value);
    }
  }

  private static void put(ObjectNode n, String name, @Nullable Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof String text) {
      n.put(name, text);
    } else if (value instanceof Integer number) {
      n.put(name, number);
    } else if (value instanceof Long number) {
      n.put(name, number);
    } else if (value instanceof Boolean flag) {
      n.put(name, flag);
    } else {
      n.set(name, YamlFormat.tree(value));
    }
  }

  private static void putMap(ObjectNode n, String name, Map<String, String> map) {
    if (!map.isEmpty()) {
      ObjectNode m = n.putObject(name);
      map.forEach(m::put);
    }
  }

  private static void putList(ObjectNode n, String name, Collection<String> list) {
    if (!list.isEmpty()) {
      ArrayNode a = n.putArray(name);
      list.forEach(a::add);
    }
  }

  /** Merges a record's extra fields into the mapping written for it. */
  static void merge(ObjectNode target, Map<String, Object> extra) {
    for (Map.Entry<String, Object> e : extra.entrySet()) {
      JsonNode add = YamlFormat.tree(e.getValue());
      JsonNode existing = target.get(e.getKey());
      if (existing == null) {
        target.set(e.getKey(), add);
      } else {
        mergeNode(existing, add);
      }
    }
  }

  private static void mergeNode(JsonNode existing, JsonNode add) {
    if (existing.isObject() && add.isObject()) {
      ObjectNode target = (ObjectNode) existing;
      for (Map.Entry<String, JsonNode> e : add.properties()) {
        JsonNode current = target.get(e.getKey());
        if (current == null) {
          target.set(e.getKey(), e.getValue());
        } else {
          mergeNode(current, e.getValue());
        }
      }
    } else if (existing.isArray() && add.isArray() && existing.size() == add.size()) {
      for (int i = 0; i < existing.size(); i++) {
        mergeNode(existing.get(i), add.get(i));
      }
    }
    // otherwise the modelled value wins
  }
}
