package io.kserve4j.jmh.wire;

import com.sun.net.httpserver.HttpServer;
import io.kserve4j.server.rest.RestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A concurrent load loop: 16 connections (one JDK HttpClient each) send the B8 request back to back
 * for a fixed time, against the bare JDK HttpServer handler and against RestServer, in alternating
 * rounds; prints requests per second of each and the ratio. Bounded in time.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.kserve4j.jmh.wire.RestLoad [seconds=5] [rounds=2]
 * </pre>
 *
 * Target: RestServer at least 1.5x the bare handler's throughput.
 */
public final class RestLoad {
  static final int CONNECTIONS = 16;

  private RestLoad() {}

  /** Arguments: {@code seconds=N} per side and round, {@code rounds=N}. */
  public static void main(String[] args) throws Exception {
    // Before anything touches the JDK's HTTP server: see Wire.bareServer().
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int seconds = 5;
    int rounds = 2;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      if (kv[0].equals("seconds")) {
        seconds = Integer.parseInt(kv[1]);
      } else if (kv[0].equals("rounds")) {
        rounds = Integer.parseInt(kv[1]);
      }
    }
    byte[] body = Wire.requestBody();
    RestServer rest = Wire.restServer();
    HttpServer bare = Wire.bareServer();
    try {
      URI restUri = Wire.inferUri(rest.port());
      URI bareUri = Wire.inferUri(bare.getAddress().getPort());
      run(bareUri, body, 1); // warm-up
      run(restUri, body, 1);
      double bareSum = 0;
      double restSum = 0;
      for (int r = 1; r <= rounds; r++) {
        double b = run(bareUri, body, seconds);
        double k = run(restUri, body, seconds);
        bareSum += b;
        restSum += k;
        System.out.printf(
            Locale.ROOT,
            "round %d: bare handler %.0f req/s | RestServer %.0f req/s | ratio %.2f%n",
            r,
            b,
            k,
            k / b);
      }
      System.out.printf(
          Locale.ROOT,
          "%d connections, %d s x %d rounds: bare handler %.0f req/s, RestServer %.0f req/s,"
              + " RestServer / bare = %.2f%n",
          CONNECTIONS,
          seconds,
          rounds,
          bareSum / rounds,
          restSum / rounds,
          restSum / bareSum);
    } finally {
      rest.close();
      bare.stop(0);
    }
  }

  /** Requests per second over {@code seconds} with {@link #CONNECTIONS} connections. */
  static double run(URI uri, byte[] body, int seconds) throws InterruptedException {
    AtomicLong done = new AtomicLong();
    CountDownLatch finished = new CountDownLatch(CONNECTIONS);
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < CONNECTIONS; c++) {
      Thread t =
          new Thread(
              () -> {
                HttpClient client = Wire.client();
                try {
                  while (System.nanoTime() < end) {
                    Wire.post(client, uri, body);
                    done.incrementAndGet();
                  }
                } finally {
                  finished.countDown();
                }
              },
              "load-" + c);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    finished.await();
    double elapsed = (System.nanoTime() - start) / 1e9;
    return done.get() / elapsed;
  }
}
