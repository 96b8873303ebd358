package org.flashstack.hw.spinor.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.media.internal.NorMediaProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component: configuration to chip and media, activation, power, and what a restart finds. */
class SpiNorChipComponentTest {

  @TempDir Path dir;

  private final VirtualClock clock = new VirtualClock();

  private SpiNorChipComponent activate(Map<String, Object> attributes) throws Exception {
    SpiNorChipConfiguration configuration =
        (SpiNorChipConfiguration)
            Proxy.newProxyInstance(
                SpiNorChipConfiguration.class.getClassLoader(),
                new Class<?>[] {SpiNorChipConfiguration.class},
                (proxy, method, args) ->
                    attributes.getOrDefault(method.getName(), method.getDefaultValue()));
    Map<String, Object> properties = new HashMap<>();
    attributes.forEach((key, value) -> properties.put(key.replace('_', '.'), value));
    return new SpiNorChipComponent(new NorMediaProvider(), clock, configuration, properties);
  }

  private Map<String, Object> chip(String part) {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("device_name", "flash0");
    attributes.put("spi_part", part);
    attributes.put("file", dir.resolve("flash0.img").toString());
    return attributes;
  }

  private static void command(SpiNorChipComponent chip, int... bytes) {
    byte[] data = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      data[i] = (byte) bytes[i];
    }
    chip.transaction(target -> target.transmit(data, 0, data.length, SpiLanes.SINGLE));
  }

  private static byte[] read(SpiNorChipComponent chip, int address, int length) {
    byte[] out = new byte[length];
    chip.transaction(
        target -> {
          target.transmit(
              new byte[] {0x03, (byte) (address >> 16), (byte) (address >> 8), (byte) address},
              0,
              4,
              SpiLanes.SINGLE);
          target.receive(out, 0, length, SpiLanes.SINGLE);
        });
    return out;
  }

  @Test
  void whatIsProgrammedIsInTheImageAfterARestart() throws Exception {
    SpiNorChipComponent chip = activate(chip("W25Q128JV"));
    assertEquals("flash0", chip.name());
    assertEquals(16L << 20, Files.size(dir.resolve("flash0.img")), "the image is created erased");
    command(chip, 0x06);
    command(chip, 0x02, 0x00, 0x10, 0x00, 0xca, 0xfe);
    clock.advance(1_000_000_000L);
    chip.deactivate();
    SpiNorChipComponent again = activate(chip("W25Q128JV"));
    assertArrayEquals(new byte[] {(byte) 0xca, (byte) 0xfe}, read(again, 0x1000, 2));
    assertEquals(4096, again.sectors().get(0).blockSize(), "the media view is the chip's");
    again.deactivate();
  }

  @Test
  void aPowerCycleReturnsThePowerUpState() throws Exception {
    SpiNorChipComponent chip = activate(chip("SST26VF064B"));
    command(chip, 0x06);
    command(chip, 0x98);
    chip.cut();
    assertFalse(chip.isPowered());
    assertArrayEquals(new byte[] {-1, -1, -1}, read(chip, 0, 3), "an unpowered chip floats");
    chip.restore();
    assertEquals(1, chip.powerLossCount());
    command(chip, 0x06);
    command(chip, 0x02, 0, 0, 0, 0x00);
    assertArrayEquals(
        new byte[] {-1}, read(chip, 0, 1), "SST26 locks every block again at power-up");
    chip.deactivate();
  }

  @Test
  void badConfigurationsNameTheProblem() {
    Map<String, Object> unknown = chip("W25Q999");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> activate(unknown))
            .getMessage()
            .contains("no part 'W25Q999' in the chip catalog"));
    Map<String, Object> cs = chip("W25Q128JV");
    cs.put("spi_cs", -1);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> activate(cs))
            .getMessage()
            .contains("spi.cs = -1"));
    Map<String, Object> text = chip("W25Q128JV");
    text.put("spi_cs", "one");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> activate(text))
            .getMessage()
            .contains("spi.cs = 'one' is not a whole number"));
  }
}
