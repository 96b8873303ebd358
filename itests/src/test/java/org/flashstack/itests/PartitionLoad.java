package org.flashstack.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.flashstack.api.partition.FlashPartition;

/**
 * Users under load, one a partition: each writes records one after another over a region at the
 * start of its partition (alternating the blocking and the asynchronous write), reads each back and
 * a random earlier one, and erases the region again when it is full, keeping a model of what the
 * region must hold. {@link #stopAndCheck()} asserts that nothing failed, each write ran exactly
 * once (the partition's own count against the writes issued) and every byte matches the model.
 */
final class PartitionLoad {

  private final List<FlashPartition> partitions;
  private final int region;
  private final int record;
  private final byte[][] models;
  private final long[] writesBefore;
  private final AtomicLongArray issued;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final List<Thread> users = new ArrayList<>();

  /**
   * Erases each partition's region and starts its user.
   *
   * @param region bytes at the start of each partition the user works on (whole erase blocks)
   * @param record bytes a write
   */
  PartitionLoad(List<FlashPartition> partitions, int region, int record, long seed)
      throws Exception {
    this.partitions = List.copyOf(partitions);
    this.region = region;
    this.record = record;
    this.models = new byte[partitions.size()][region];
    this.writesBefore = new long[partitions.size()];
    this.issued = new AtomicLongArray(partitions.size());
    for (int u = 0; u < partitions.size(); u++) {
      FlashPartition partition = partitions.get(u);
      partition.erase(0, region);
      Arrays.fill(models[u], (byte) 0xff);
      writesBefore[u] = partition.statistics().writes();
      int user = u;
      Thread thread =
          new Thread(() -> work(user, new Random(seed + user)), "itest-" + partition.name());
      users.add(thread);
      thread.start();
    }
  }

  private void work(int user, Random random) {
    FlashPartition partition = partitions.get(user);
    byte[] model = models[user];
    int next = 0;
    try {
      while (!stop.get()) {
        if ((next + 1) * record > region) {
          partition.erase(0, region);
          Arrays.fill(model, (byte) 0xff);
          next = 0;
        }
        byte[] data = new byte[record];
        random.nextBytes(data);
        if (random.nextBoolean()) {
          partition.writeAsync((long) next * record, data, 0, record).get();
        } else {
          partition.write((long) next * record, data, 0, record);
        }
        issued.incrementAndGet(user);
        System.arraycopy(data, 0, model, next * record, record);
        check(partition, model, next);
        check(partition, model, random.nextInt(next + 1));
        next++;
      }
    } catch (Throwable t) {
      failures.add(t);
    }
  }

  private void check(FlashPartition partition, byte[] model, int index) throws Exception {
    byte[] back = new byte[record];
    partition.readAsync((long) index * record, back, 0, record).get();
    if (!Arrays.equals(Arrays.copyOfRange(model, index * record, (index + 1) * record), back)) {
      failures.add(
          new AssertionError(partition.name() + ": record " + index + " reads other bytes"));
    }
  }

  /**
   * Stops the users and asserts what they did: no failure, at least {@code minimum} writes each,
   * each write run once, every byte as the model says.
   */
  void stopAndCheck(String during, long minimum) throws Exception {
    stop.set(true);
    for (Thread user : users) {
      user.join(60_000);
    }
    assertTrue("failures " + during + ": " + failures, failures.isEmpty());
    for (int u = 0; u < partitions.size(); u++) {
      FlashPartition partition = partitions.get(u);
      assertTrue(partition.name() + " worked: " + issued.get(u), issued.get(u) > minimum);
      assertEquals(
          partition.name() + ": each write ran exactly once",
          issued.get(u),
          partition.statistics().writes() - writesBefore[u]);
      byte[] all = new byte[region];
      partition.read(0, all, 0, all.length);
      assertArrayEquals(partition.name() + " ends as its model", models[u], all);
    }
  }

  /** Stops the users without checking (a test that failed on its own cleans up). */
  void stop() throws InterruptedException {
    stop.set(true);
    for (Thread user : users) {
      user.join(60_000);
    }
  }
}
