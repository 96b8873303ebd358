package org.flashstack.api.fault;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Which of a device's program and erase operations (numbered from 0 in the order they reach the
 * cells) a fault strikes: {@code none}, {@code at:N} (operation N only), {@code every:N}
 * (operations N-1, 2N-1, ...) or {@code random:N} (each operation with probability 1/N, drawn from
 * the plan's seeded generator). An exhaustive search over a range, as littlefs's test runner does
 * it, is one run per {@code at:N} ({@link #exhaustive}).
 */
public sealed interface OperationSchedule {

  /** No operation. */
  OperationSchedule NEVER = new Never();

  /**
   * @param operation the operation's number
   * @param random the plan's generator (drawn from only by {@link Random})
   * @return whether the fault strikes it
   */
  boolean strikes(long operation, RandomGenerator random);

  /** No operation. */
  record Never() implements OperationSchedule {
    @Override
    public boolean strikes(long operation, RandomGenerator random) {
      return false;
    }

    @Override
    public String toString() {
      return "none";
    }
  }

  /** Operation {@code operation} only. */
  record At(long operation) implements OperationSchedule {
    public At {
      if (operation < 0) {
        throw new IllegalArgumentException("operations are numbered from 0, not " + operation);
      }
    }

    @Override
    public boolean strikes(long index, RandomGenerator random) {
      return index == operation;
    }

    @Override
    public String toString() {
      return "at:" + operation;
    }
  }

  /** Every {@code interval}th operation: {@code interval - 1}, {@code 2 * interval - 1}, ... */
  record Every(long interval) implements OperationSchedule {
    public Every {
      if (interval < 1) {
        throw new IllegalArgumentException("every:N needs N of 1 or more, not " + interval);
      }
    }

    @Override
    public boolean strikes(long operation, RandomGenerator random) {
      return (operation + 1) % interval == 0;
    }

    @Override
    public String toString() {
      return "every:" + interval;
    }
  }

  /** Each operation with probability {@code 1 / oneIn}. */
  record Random(long oneIn) implements OperationSchedule {
    public Random {
      if (oneIn < 1) {
        throw new IllegalArgumentException("random:N needs N of 1 or more, not " + oneIn);
      }
    }

    @Override
    public boolean strikes(long operation, RandomGenerator random) {
      return random.nextLong(oneIn) == 0;
    }

    @Override
    public String toString() {
      return "random:" + oneIn;
    }
  }

  /**
   * @return one {@code at:N} schedule per operation of {@code [from, to)}: a run per power-loss
   *     point
   */
  static java.util.stream.LongStream exhaustive(long from, long to) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("an exhaustive range runs from 0 up: " + from + ".." + to);
    }
    return java.util.stream.LongStream.range(from, to);
  }

  /**
   * Reads a schedule as {@link #toString()} writes it.
   *
   * @throws IllegalArgumentException naming what is wrong and what is accepted
   */
  static OperationSchedule parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.isEmpty() || t.equals("none")) {
      return NEVER;
    }
    int colon = t.indexOf(':');
    if (colon > 0) {
      String kind = t.substring(0, colon);
      long n;
      try {
        n = Long.parseLong(t.substring(colon + 1).replace("_", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "'" + text + "': the number after '" + kind + ":' is not a whole number");
      }
      switch (kind) {
        case "at":
          return new At(n);
        case "every":
          return new Every(n);
        case "random":
          return new Random(n);
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a schedule: none, at:N, every:N or random:N");
  }
}
