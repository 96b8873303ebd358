package org.flashstack.virtualizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnQueueTest {

  /** An entry: the user it belongs to and a label. */
  private record Entry(Object user, String label) {}

  private final Object a = new Object();
  private final Object b = new Object();
  private final Object c = new Object();
  private final TurnQueue<Entry> queue = new TurnQueue<>(Entry::user);

  private List<String> drain() {
    List<String> labels = new ArrayList<>();
    Entry entry;
    while ((entry = queue.poll()) != null) {
      labels.add(entry.label());
    }
    return labels;
  }

  @Test
  void usersTakeTurnsAndEachKeepsItsOwnOrder() {
    for (int i = 1; i <= 4; i++) {
      queue.add(new Entry(a, "a" + i));
    }
    queue.add(new Entry(b, "b1"));
    queue.add(new Entry(c, "c1"));
    queue.add(new Entry(b, "b2"));
    assertEquals(7, queue.size());
    assertEquals(List.of("a1", "b1", "c1", "a2", "b2", "a3", "a4"), drain());
    assertTrue(queue.isEmpty());
    assertNull(queue.poll());
  }

  @Test
  void aUserWhoseQueueEmptiedJoinsAtTheBack() {
    queue.add(new Entry(a, "a1"));
    queue.add(new Entry(b, "b1"));
    assertEquals("a1", queue.poll().label());
    queue.add(new Entry(a, "a2"));
    queue.add(new Entry(b, "b2"));
    assertEquals(List.of("b1", "a2", "b2"), drain());
  }

  @Test
  void removeTakesOneEntryAndLeavesTheTurnsConsistent() {
    Entry a1 = new Entry(a, "a1");
    Entry b1 = new Entry(b, "b1");
    queue.add(a1);
    queue.add(b1);
    queue.add(new Entry(a, "a2"));
    assertTrue(queue.remove(b1));
    assertFalse(queue.remove(b1), "gone already");
    assertFalse(queue.remove(new Entry(c, "c1")), "never queued");
    assertEquals(2, queue.size());
    assertEquals(2, queue.snapshot().size());
    assertTrue(queue.remove(a1));
    assertEquals(List.of("a2"), drain());
  }
}
