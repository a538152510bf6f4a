package io.kserve4j.jmh.autoscale;

import io.kserve4j.autoscale.ReplicaPool;
import io.kserve4j.autoscale.Scheduler;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B4: handing work to one replica through the pool (async acquire, run, release, await) against
 * {@code ThreadPoolExecutor(1).submit(...).get()} doing the same work. {@link #executorControl}
 * repeats the baseline: the A/A control.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoolHandoffBenchmark {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** A replica: sums its input. */
  static final class Replica {
    final float[] data = new float[64];

    float work() {
      float s = 0;
      for (float f : data) {
        s += f * 1.0001f;
      }
      return s;
    }
  }

  private ReplicaPool<Replica> pool;
  private Scheduler scheduler;
  private ExecutorService executor;
  private Replica direct;

  /** One replica in the pool, one thread in the executor. */
  @Setup(Level.Trial)
  public void setUp() {
    scheduler = Scheduler.system("jmh-pool");
    pool =
        ReplicaPool.builder(
                "bench",
                new ReplicaPool.Factory<Replica>() {
                  @Override
                  public Replica create() {
                    return new Replica();
                  }

                  @Override
                  public void close(Replica replica) {}
                })
            .containerConcurrency(1)
            .scheduler(scheduler)
            .build();
    pool.adopt(new Replica());
    executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    direct = new Replica();
  }

  /** Stops both. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
    scheduler.close();
    executor.shutdown();
  }

  /** The baseline: submit to a one-thread executor and wait. */
  @Benchmark
  public float executorSubmitGet() throws InterruptedException, ExecutionException {
    return executor.submit(direct::work).get();
  }

  /** The A/A control. */
  @Benchmark
  public float executorControl() throws InterruptedException, ExecutionException {
    return executor.submit(direct::work).get();
  }

  /** kserve4j: acquire a slot on the replica asynchronously, run there, release, await. */
  @Benchmark
  public float poolSubmitAwait() {
    return pool.acquireAsync(WAIT)
        .thenApply(
            r -> {
              try {
                return r.get().work();
              } finally {
                pool.release(r, null);
              }
            })
        .join();
  }
}
