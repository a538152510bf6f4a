package io.kserve4j.core;

import io.kserve4j.protocol.DataType;
import io.kserve4j.protocol.InferResponse;
import io.kserve4j.protocol.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Shadow traffic, beyond KServe: a share of the calls a service answers also goes to another
 * revision, whose answer is compared with the one returned and never returned itself. The counts
 * show whether a new model agrees with the one serving before it gets any traffic.
 *
 * <pre>{@code
 * service.update(specWithCanaryTrafficPercent0).get();   // the new revision, dark
 * Mirror mirror = service.mirror("latest", 100, 1e-4);    // every call also to it
 * ... traffic ...
 * MirrorStats s = mirror.stats();
 * assertThat(s.disagreed()).isZero();
 * }</pre>
 *
 * <p>Mirrored calls run on the service's executor after the answer was returned: they never slow or
 * fail the call they copy. Thread-safe.
 */
public final class Mirror {
  private static final int EXAMPLES = 10;

  private final String target;
  private final int percent;
  private final double tolerance;
  private long compared;
  private long agreed;
  private long disagreed;
  private long failed;
  private double maxDifference;
  private final List<String> examples = new ArrayList<>();

  Mirror(String target, int percent, double tolerance) {
    this.target = target;
    this.percent = percent;
    this.tolerance = tolerance;
  }

  /**
   * What a mirror has seen so far.
   *
   * @param target the revision (name or tag) the copies go to
   * @param compared answers compared
   * @param agreed answers equal within the tolerance
   * @param disagreed answers that differ: other outputs, shapes or datatypes, or values beyond the
   *     tolerance
   * @param failed copies that failed (the mirror's revision threw), not compared
   * @param maxDifference the largest absolute difference seen between numeric values
   * @param examples the first disagreements and failures, described
   */
  public record Stats(
      String target,
      long compared,
      long agreed,
      long disagreed,
      long failed,
      double maxDifference,
      List<String> examples) {
    /** Copies the examples. */
    public Stats {
      examples = List.copyOf(examples);
    }
  }

  /** The revision (name, or a tag such as {@code latest}) the copies go to. */
  public String target() {
    return target;
  }

  /** The share of calls copied, 0 to 100. */
  public int percent() {
    return percent;
  }

  /** The largest absolute difference between numeric values that still agrees. */
  public double tolerance() {
    return tolerance;
  }

  /** The counts now. */
  public synchronized Stats stats() {
    return new Stats(target, compared, agreed, disagreed, failed, maxDifference, examples);
  }

  /**
   * Waits until {@code count} copies have been compared or failed, at most {@code timeout}.
   *
   * @return whether they have
   */
  public synchronized boolean await(long count, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (compared + failed < count) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** Counts a copy that failed. */
  synchronized void failed(String why) {
    failed++;
    example("failed: " + why);
    notifyAll();
  }

  /** Compares the mirror's answer with the one returned. */
  void compare(InferResponse returned, InferResponse mirrored) {
    double[] worst = {0};
    String difference = difference(returned, mirrored, worst);
    synchronized (this) {
      compared++;
      maxDifference = Math.max(maxDifference, worst[0]);
      if (difference == null) {
        agreed++;
      } else {
        disagreed++;
        example(difference);
      }
      notifyAll();
    }
  }

  private void example(String text) {
    if (examples.size() < EXAMPLES) {
      examples.add(text);
    }
  }

  /** How two answers differ, or {@code null} when they agree within the tolerance. */
  private @Nullable String difference(InferResponse a, InferResponse b, double[] worst) {
    List<String> namesA = new ArrayList<>();
    for (Tensor t : a.outputs()) {
      namesA.add(t.name());
    }
    List<String> namesB = new ArrayList<>();
    for (Tensor t : b.outputs()) {
      namesB.add(t.name());
    }
    if (!namesA.stream().sorted().toList().equals(namesB.stream().sorted().toList())) {
      return "outputs " + namesB + " where " + namesA + " were returned";
    }
    String first = null;
    for (Tensor ta : a.outputs()) {
      Tensor tb = b.output(ta.name());
      String d = difference(ta, tb, worst);
      if (d != null && first == null) {
        first = d;
      }
    }
    return first;
  }

  private @Nullable String difference(Tensor a, Tensor b, double[] worst) {
    String name = a.name();
    if (!Arrays.equals(a.shape(), b.shape()) || a.datatype() != b.datatype()) {
      return "output '"
          + name
          + "' is "
          + b.datatype()
          + " "
          + Arrays.toString(b.shape())
          + " where "
          + a.datatype()
          + " "
          + Arrays.toString(a.shape())
          + " was returned";
    }
    if (a.datatype() == DataType.BYTES) {
      return Arrays.equals(a.asStrings(), b.asStrings())
          ? null
          : "output '" + name + "' holds other strings";
    }
    if (a.datatype() == DataType.BOOL) {
      return Arrays.equals(a.asBooleans(), b.asBooleans())
          ? null
          : "output '" + name + "' holds other booleans";
    }
    double[] x = a.asDoubles();
    double[] y = b.asDoubles();
    int at = -1;
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      double d = Math.abs(x[i] - y[i]);
      if (Double.isNaN(d) && !(Double.isNaN(x[i]) && Double.isNaN(y[i]))) {
        d = Double.POSITIVE_INFINITY;
      }
      if (d > max) {
        max = d;
        at = i;
      }
    }
    worst[0] = Math.max(worst[0], max);
    if (max <= tolerance) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "output '%s' element %d is %s where %s was returned (difference %s, tolerance %s)",
        name,
        at,
        y[at],
        x[at],
        max,
        tolerance);
  }

  @Override
  public String toString() {
    Stats s = stats();
    return "Mirror{"
        + target
        + " "
        + percent
        + "%, compared="
        + s.compared()
        + ", disagreed="
        + s.disagreed()
        + ", failed="
        + s.failed()
        + "}";
  }
}
