package org.flashstack.partitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionLayoutTest {

  private final PartitionLayout layout = new PartitionLayout();
  private final PartitionSpec primary =
      new PartitionSpec("primary", "flash0", 0, 0x100000, false, 1);

  @Test
  void partitionsOfOneDeviceMayNotOverlap() {
    layout.add(primary);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> layout.add(new PartitionSpec("staging", "flash0", 0xff000, 0x1000, false, 2)));
    assertEquals(
        "partition staging (0xff000..0x100000) overlaps primary (flash0 0x0..0x100000, driver"
            + " number 0x1) on flash0",
        e.getMessage());
    layout.add(new PartitionSpec("staging", "flash0", 0x100000, 0x1000, false, 2));
    layout.add(new PartitionSpec("recovery", "flash1", 0, 0x100000, false, 3));
    assertEquals(
        List.of("primary", "staging", "recovery"),
        layout.partitions().stream().map(PartitionSpec::name).toList());
  }

  @Test
  void namesAndDriverNumbersAreUnique() {
    layout.add(primary);
    assertThrows(
        IllegalArgumentException.class,
        () -> layout.add(new PartitionSpec("primary", "flash1", 0, 0x1000, false, 9)));
    IllegalArgumentException number =
        assertThrows(
            IllegalArgumentException.class,
            () -> layout.add(new PartitionSpec("logs", "flash1", 0, 0x1000, false, 1)));
    assertEquals(
        "partition logs: driver number 0x1 is taken by primary (flash0 0x0..0x100000, driver"
            + " number 0x1)",
        number.getMessage());
    layout.remove(primary);
    layout.add(new PartitionSpec("logs", "flash1", 0, 0x1000, false, 1));
  }

  @Test
  void aSpecIsCheckedOnItsOwn() {
    assertEquals(
        "a partition name is letters, digits, '_', '.' and '-', not 'a b'",
        assertThrows(
                IllegalArgumentException.class,
                () -> new PartitionSpec("a b", "flash0", 0, 1, false, 0))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new PartitionSpec("a", "flash0", 0, 0, false, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new PartitionSpec("a", "flash0", -1, 1, false, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PartitionSpec("a", "flash0", Long.MAX_VALUE, 2, false, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new PartitionSpec("a", "flash0", 0, 1, false, -1));
  }
}
