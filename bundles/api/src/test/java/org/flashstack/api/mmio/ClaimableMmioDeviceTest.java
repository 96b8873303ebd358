package org.flashstack.api.mmio;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flashstack.api.device.DeviceClaimException;
import org.flashstack.api.device.PowerLossException;
import org.junit.jupiter.api.Test;

class ClaimableMmioDeviceTest {

  private final AtomicInteger resets = new AtomicInteger();
  private final MmioTraceTest.Registers registers = new MmioTraceTest.Registers();
  private final ClaimableMmioDevice device =
      new ClaimableMmioDevice(registers, resets::incrementAndGet);

  @Test
  void aSecondClaimFailsNamingTheHolderAndLeavesTheFirstWorking() throws Exception {
    MmioClaim first = device.claim("driver A", 0);
    DeviceClaimException refused =
        assertThrows(DeviceClaimException.class, () -> device.claim("driver B", 20));
    assertEquals("driver A", refused.holder());
    assertTrue(refused.getMessage().contains("regs is claimed by driver A"), refused.getMessage());
    assertTrue(refused.getMessage().contains("driver B waited 20 ms"), refused.getMessage());
    first.write(0, 4, 0x1234);
    assertEquals(0x1234, first.read(0, 4));
    assertEquals("driver A", device.holder().orElseThrow());
  }

  @Test
  void aWaitingClaimGetsTheDeviceWhenTheHolderReleasesIt() throws Exception {
    MmioClaim first = device.claim("driver A", 0);
    CompletableFuture<MmioClaim> second =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return device.claim("driver B", 5_000);
              } catch (DeviceClaimException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(50);
    assertFalse(second.isDone(), "the second claim must wait while the first is held");
    first.close();
    MmioClaim claim = second.get(5, TimeUnit.SECONDS);
    assertEquals("driver B", claim.owner());
    assertEquals("driver B", device.holder().orElseThrow());
  }

  @Test
  void repeatedReadsAndDmaGoThroughTheClaimAndOnlyWhileItIsHeld() throws Exception {
    MmioClaim claim = device.claim("driver A", 0);
    claim.write(0, 4, 0x04030201);
    byte[] words = new byte[8];
    claim.readRepeated(0, 4, words, 0, 2);
    assertArrayEquals(new byte[] {1, 2, 3, 4, 1, 2, 3, 4}, words, "the same register twice");
    assertFalse(claim.dmaHandshake(0), "plain registers have no DMA request line");
    MmioAccessException noDma =
        assertThrows(MmioAccessException.class, () -> claim.readDma(0, 4, words, 0, 2, 1000));
    assertTrue(noDma.getMessage().contains("no DMA handshake"), noDma.getMessage());
    assertThrows(
        IndexOutOfBoundsException.class, () -> claim.readRepeated(0, 4, new byte[7], 0, 2));
    claim.close();
    assertThrows(MmioAccessException.class, () -> claim.readRepeated(0, 4, words, 0, 2));
    assertThrows(MmioAccessException.class, () -> claim.readDma(0, 4, words, 0, 2, 1000));
  }

  @Test
  void aReleasedClaimReachesNothing() throws Exception {
    MmioClaim first = device.claim("driver A", 0);
    first.write(0, 4, 7);
    first.close();
    MmioClaim second = device.claim("driver B", 0);
    MmioAccessException stale = assertThrows(MmioAccessException.class, () -> first.write(0, 4, 9));
    assertTrue(stale.getMessage().contains("claim of driver A was released"), stale.getMessage());
    assertThrows(MmioAccessException.class, () -> first.read(0, 4));
    assertEquals(7, second.read(0, 4), "the stale write changed nothing");
    assertEquals(2, device.refusedAccessCount());
    assertTrue(device.holder().isPresent());
    second.close();
    assertTrue(device.holder().isEmpty());
  }

  @Test
  void aPowerCutFailsEveryAccessUntilRestoredAndAcknowledged() throws Exception {
    MmioClaim claim = device.claim("driver A", 0);
    assertFalse(claim.acknowledgePowerLoss(), "nothing happened yet");
    device.cut();
    assertFalse(device.isPowered());
    assertThrows(PowerLossException.class, () -> claim.read(0, 4));
    assertFalse(claim.acknowledgePowerLoss(), "still powered off");
    device.restore();
    assertEquals(1, resets.get(), "restore runs the power-up reset once");
    PowerLossException lost = assertThrows(PowerLossException.class, () -> claim.read(0, 4));
    assertTrue(lost.getMessage().contains("lost power since driver A"), lost.getMessage());
    assertTrue(claim.acknowledgePowerLoss());
    assertEquals(0, claim.read(0, 4));
    assertEquals(1, device.powerLossCount());
    device.restore();
    assertEquals(1, resets.get(), "restoring a powered device does nothing");
  }

  @Test
  void aPowerLossRaisedByTheModelCutsTheSupply() throws Exception {
    MmioBus failing =
        new MmioTraceTest.Registers() {
          @Override
          public void write(long offset, int width, long value) {
            throw new PowerLossException("regs: cut inside a program");
          }
        };
    ClaimableMmioDevice withMedia = new ClaimableMmioDevice(failing, () -> {});
    MmioClaim claim = withMedia.claim("driver A", 0);
    assertThrows(PowerLossException.class, () -> claim.write(0, 4, 1));
    assertFalse(withMedia.isPowered());
    assertThrows(PowerLossException.class, () -> claim.read(0, 4));
  }
}
