package org.flashstack.virtualizer.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What waits for one device: first in, first out for each user, and the users served in turn, one
 * operation each (round robin). A user that queues a thousand operations at once delays another
 * user's next operation by at most one of its own, not by a thousand; each user's own operations
 * keep their order.
 *
 * <p>A user is an object compared by identity (the virtualizer's per-view usage counter), so two
 * views of the same device are two users. Thread-safe: every change under the queue's monitor;
 * {@link #isEmpty()} and {@link #size()} read without it.
 *
 * @param <R> what is queued
 */
final class TurnQueue<R> {

  private final Function<R, Object> userOf;
  private final Map<Object, ArrayDeque<R>> byUser = new IdentityHashMap<>();
  private final ArrayDeque<ArrayDeque<R>> turns = new ArrayDeque<>();
  private volatile int size;

  /**
   * @param userOf the user an entry belongs to
   */
  TurnQueue(Function<R, Object> userOf) {
    this.userOf = userOf;
  }

  /** Queues {@code entry} behind its user's earlier ones. */
  synchronized void add(R entry) {
    Object user = userOf.apply(entry);
    ArrayDeque<R> own = byUser.get(user);
    if (own == null) {
      own = new ArrayDeque<>();
      byUser.put(user, own);
      turns.addLast(own);
    }
    own.addLast(entry);
    size++;
  }

  /**
   * @return the first entry of the user whose turn it is (that user goes to the back of the turns),
   *     or null if nothing waits
   */
  synchronized R poll() {
    ArrayDeque<R> own = turns.pollFirst();
    if (own == null) {
      return null;
    }
    R entry = own.pollFirst();
    if (own.isEmpty()) {
      byUser.remove(userOf.apply(entry));
    } else {
      turns.addLast(own);
    }
    size--;
    return entry;
  }

  /**
   * @return whether {@code entry} was waiting (and is not any more)
   */
  synchronized boolean remove(R entry) {
    Object user = userOf.apply(entry);
    ArrayDeque<R> own = byUser.get(user);
    if (own == null || !own.removeFirstOccurrence(entry)) {
      return false;
    }
    if (own.isEmpty()) {
      byUser.remove(user);
      turns.removeFirstOccurrence(own);
    }
    size--;
    return true;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /**
   * @return what waits, in no particular order, as a copy
   */
  synchronized List<R> snapshot() {
    List<R> all = new ArrayList<>(size);
    for (ArrayDeque<R> own : turns) {
      all.addAll(own);
    }
    return all;
  }
}
