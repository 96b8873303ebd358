package org.flashstack.partitions;

import static org.flashstack.partitions.Board.BLOCK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many users at once on partitions of one device and of two: each partition ends as a sequential
 * model of its own operations says, and work keeps going while the driver is swapped underneath.
 */
@Timeout(120)
class PartitionConcurrencyTest {

  /** Driver swaps the users work through, however fast they are. */
  private static final int MIN_SWAPS = 10;

  /** A partition with the model of what its bytes must be. */
  private record Subject(Partition partition, byte[] model) {}

  private static List<Subject> partitions(Board board) {
    return partitions(board, List.of("nor0", "nor1"));
  }

  private static List<Subject> partitions(Board board, List<String> devices) {
    List<Subject> subjects = new ArrayList<>();
    int number = 1;
    for (String device : devices) {
      for (int i = 0; i < 4; i++) {
        PartitionSpec spec =
            new PartitionSpec(
                device + "-p" + i, device, 4L * i * BLOCK, 2 * BLOCK, false, number++);
        byte[] model = new byte[2 * BLOCK];
        Arrays.fill(model, (byte) 0xff);
        subjects.add(new Subject(Partition.open(spec, board.flash(device)), model));
      }
    }
    return subjects;
  }

  /**
   * One user's random mix of erase, write and read on its partition, checking each read against its
   * model (a partition has one user, so its model is sequential).
   */
  private static void work(Subject subject, long seed, int operations) throws Exception {
    work(subject, seed, operations, () -> false);
  }

  /**
   * As {@link #work(Subject, long, int)}, going on past {@code operations} while {@code more} says
   * so (up to 100 times as many).
   */
  private static void work(
      Subject subject, long seed, int operations, java.util.function.BooleanSupplier more)
      throws Exception {
    Random random = new Random(seed);
    Partition partition = subject.partition();
    byte[] model = subject.model();
    partition.erase(0, 2 * BLOCK);
    for (int n = 0; n < operations || more.getAsBoolean() && n < 100 * operations; n++) {
      int kind = random.nextInt(10);
      if (kind == 0) {
        int block = random.nextInt(2);
        if (random.nextBoolean()) {
          partition.eraseAsync((long) block * BLOCK, BLOCK).get(30, TimeUnit.SECONDS);
        } else {
          partition.erase((long) block * BLOCK, BLOCK);
        }
        Arrays.fill(model, block * BLOCK, (block + 1) * BLOCK, (byte) 0xff);
      } else if (kind < 6) {
        int length = 1 + random.nextInt(300);
        int at = random.nextInt(2 * BLOCK - length);
        byte[] data = new byte[length];
        random.nextBytes(data);
        if (random.nextBoolean()) {
          partition.writeAsync(at, data, 0, length).get(30, TimeUnit.SECONDS);
        } else {
          partition.write(at, data, 0, length);
        }
        for (int i = 0; i < length; i++) {
          model[at + i] &= data[i];
        }
      } else {
        int length = 1 + random.nextInt(500);
        int at = random.nextInt(2 * BLOCK - length);
        byte[] back = new byte[length];
        partition.readAsync(at, back, 0, length).get(30, TimeUnit.SECONDS);
        assertArrayEquals(
            Arrays.copyOfRange(model, at, at + length),
            back,
            partition.name() + ": read at " + at + " after " + n + " operations");
      }
    }
  }

  private static void assertModels(List<Subject> subjects) throws Exception {
    for (Subject subject : subjects) {
      byte[] all = new byte[2 * BLOCK];
      subject.partition().read(0, all, 0, all.length);
      assertArrayEquals(subject.model(), all, subject.partition().name() + " ends as its model");
    }
  }

  @Test
  void eightUsersOnTwoDevicesEndAsTheirSequentialModels() throws Exception {
    try (Board board = new Board()) {
      List<Subject> subjects = partitions(board);
      ExecutorService users = Executors.newFixedThreadPool(subjects.size());
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
          Subject subject = subjects.get(i);
          long seed = i;
          done.add(
              users.submit(
                  () -> {
                    work(subject, seed, 200);
                    return null;
                  }));
        }
        for (Future<?> future : done) {
          future.get(90, TimeUnit.SECONDS);
        }
      } finally {
        users.shutdownNow();
      }
      assertModels(subjects);
      byte[] gap = new byte[2 * BLOCK];
      board.flash("nor0").read(2 * BLOCK, gap, 0, gap.length);
      byte[] erased = new byte[2 * BLOCK];
      Arrays.fill(erased, (byte) 0xff);
      assertArrayEquals(erased, gap, "the bytes between partitions were never touched");
    }
  }

  /**
   * The driver leaves and a new one arrives every 5 ms while the users work. It once found that a
   * poller descheduled between a busy status read and its look at the shared clock reported a
   * timeout for a finished operation (see Deadline): no operation may fail across the swaps.
   */
  @Test
  void noOperationIsLostOrRunTwiceWhileTheDriverIsSwappedUnderLoad() throws Exception {
    try (Board board = new Board()) {
      List<Subject> subjects = partitions(board);
      AtomicBoolean running = new AtomicBoolean(true);
      java.util.concurrent.atomic.AtomicInteger swapped =
          new java.util.concurrent.atomic.AtomicInteger();
      ExecutorService users = Executors.newFixedThreadPool(subjects.size());
      CompletableFuture<Integer> swapper =
          CompletableFuture.supplyAsync(
              () -> {
                int swaps = 0;
                while (running.get()) {
                  board.swapDriver();
                  swaps++;
                  swapped.set(swaps);
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                  }
                }
                return swaps;
              });
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
          Subject subject = subjects.get(i);
          long seed = 100 + i;
          done.add(
              users.submit(
                  () -> {
                    work(subject, seed, 150, () -> swapped.get() < MIN_SWAPS);
                    return null;
                  }));
        }
        for (Future<?> future : done) {
          future.get(100, TimeUnit.SECONDS);
        }
      } finally {
        running.set(false);
        users.shutdownNow();
      }
      int swaps = swapper.get(10, TimeUnit.SECONDS);
      assertTrue(swaps >= MIN_SWAPS, "the driver was swapped while users worked: " + swaps);
      assertModels(subjects);
      long writes = subjects.stream().mapToLong(s -> s.partition().statistics().writes()).sum();
      long errors = subjects.stream().mapToLong(s -> s.partition().statistics().errors()).sum();
      assertEquals(0, errors, "no operation failed across the swaps");
      assertTrue(writes > 0);
    }
  }
}
