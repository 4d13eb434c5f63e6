package org.illbridge.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Units of work beyond the limit wait their turn instead of all piling into Derby at once. */
class UnitOfWorkLimitTest {
  @TempDir Path tmp;
  StoreFixture f;

  @BeforeEach
  void open() {
    f = new StoreFixture(tmp.resolve("db"));
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void atMostTheLimitRunAtOnceAndNestedUnitsDoNotWaitForThemselves() throws Exception {
    int threads = JdbcTransactionStore.MAX_CONCURRENT_UNITS + 6;
    AtomicInteger running = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    CountDownLatch full = new CountDownLatch(JdbcTransactionStore.MAX_CONCURRENT_UNITS);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> f.store.inTransaction(uow -> {
          max.accumulateAndGet(running.incrementAndGet(), Math::max);
          full.countDown();
          // hold the slot until the limit is reached (or briefly, for the ones after it)
          full.await(200, TimeUnit.MILLISECONDS);
          Thread.sleep(20);
          // a unit started inside a unit runs on the slot it already holds
          int nested = f.store.inTransaction(inner -> 1);
          running.decrementAndGet();
          return nested;
        })));
      }
      for (Future<Integer> r : results) {
        assertEquals(1, r.get(20, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(JdbcTransactionStore.MAX_CONCURRENT_UNITS, max.get(),
        "the limit is reached and never exceeded");
    assertTrue(JdbcTransactionStore.MAX_CONCURRENT_UNITS >= 8);
  }
}
