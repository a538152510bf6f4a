package io.kserve4j.autoscale;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * A {@link Clock} and {@link Scheduler} on virtual time, for deterministic tests: time moves only
 * when {@link #advance} is called, and every task due by then runs on the calling thread, in time
 * order. {@link #execute} tasks run at the next {@link #advance} or {@link #runPending}.
 * Thread-safe.
 */
public final class VirtualTime implements Clock, Scheduler {
  private final PriorityQueue<Task> timers = new PriorityQueue<>();
  private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
  private long now;
  private long sequence;

  /** Virtual time starting at {@code startNanos}. */
  public VirtualTime(long startNanos) {
    this.now = startNanos;
  }

  private final class Task implements Comparable<Task>, Cancellable {
    final Runnable body;
    final long period;
    final long order = sequence++;
    long due;
    boolean cancelled;

    Task(Runnable body, long due, long period) {
      this.body = body;
      this.due = due;
      this.period = period;
    }

    @Override
    public int compareTo(Task o) {
      return due != o.due ? Long.compare(due, o.due) : Long.compare(order, o.order);
    }

    @Override
    public void cancel() {
      synchronized (VirtualTime.this) {
        cancelled = true;
        timers.remove(this);
      }
    }
  }

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, Duration delay) {
    Task t = new Task(task, now + delay.toNanos(), 0);
    timers.add(t);
    return t;
  }

  @Override
  public synchronized Cancellable scheduleAtFixedRate(Runnable task, Duration period) {
    Task t = new Task(task, now + period.toNanos(), period.toNanos());
    timers.add(t);
    return t;
  }

  @Override
  public synchronized void execute(Runnable task) {
    pending.add(task);
  }

  /** Runs the tasks handed to {@link #execute} so far (and those they hand in), on this thread. */
  public void runPending() {
    while (true) {
      Runnable r;
      synchronized (this) {
        r = pending.poll();
      }
      if (r == null) {
        return;
      }
      r.run();
    }
  }

  /** Moves time forward by {@code duration}, running every task due on the way, in order. */
  public void advance(Duration duration) {
    long end;
    synchronized (this) {
      end = now + duration.toNanos();
    }
    runPending();
    while (true) {
      Task t;
      synchronized (this) {
        t = timers.peek();
        if (t == null || t.due > end) {
          now = end;
          break;
        }
        timers.poll();
        now = t.due;
        if (t.period > 0) {
          t.due += t.period;
          timers.add(t);
        }
      }
      t.body.run();
      runPending();
    }
    runPending();
  }
}
