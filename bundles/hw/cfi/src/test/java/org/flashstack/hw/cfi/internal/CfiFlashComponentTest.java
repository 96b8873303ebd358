package org.flashstack.hw.cfi.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Proxy;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flashstack.api.cfi.IntelCommandSet;
import org.flashstack.api.device.DeviceClaimException;
import org.flashstack.api.device.PowerLossException;
import org.flashstack.api.media.BackingMode;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.ProgramPolicy;
import org.flashstack.api.mmio.MmioAccessException;
import org.flashstack.api.mmio.MmioClaim;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.cfi.CfiDeviceParameters;
import org.flashstack.hw.media.internal.NorMediaProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component: configuration to parameters and media, activation, and what a restart finds. */
class CfiFlashComponentTest {

  @TempDir Path dir;

  private final VirtualClock clock = new VirtualClock();

  /** A configuration as DS would hand it over: the given attributes, defaults for the rest. */
  static CfiFlashConfiguration configuration(Map<String, Object> attributes) {
    return (CfiFlashConfiguration)
        Proxy.newProxyInstance(
            CfiFlashConfiguration.class.getClassLoader(),
            new Class<?>[] {CfiFlashConfiguration.class},
            (proxy, method, args) ->
                attributes.containsKey(method.getName())
                    ? attributes.get(method.getName())
                    : method.getDefaultValue());
  }

  /** The raw properties DS would pass beside the typed configuration. */
  private static Map<String, Object> raw(Map<String, Object> attributes) {
    Map<String, Object> properties = new HashMap<>();
    attributes.forEach((key, value) -> properties.put(key.replace('_', '.'), value));
    return properties;
  }

  private static Map<String, Object> named(String name) {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("device_name", name);
    return attributes;
  }

  @Test
  void defaultsDescribeTwoX16DevicesInRam() {
    CfiFlashConfiguration configuration = configuration(named("nor0"));
    CfiDeviceParameters parameters = CfiFlashComponent.parameters(configuration);
    assertEquals(CfiDeviceParameters.twoX16On32Bit("nor0"), parameters);
    MediaSpec spec = CfiFlashComponent.mediaSpec(configuration, parameters);
    assertEquals(BackingMode.RAM, spec.backing());
    assertEquals(8L << 20, spec.size());
    assertEquals(ProgramPolicy.AND, spec.programPolicy());
  }

  @Test
  void idsInHexOrDecimalAndOtherAttributes() {
    Map<String, Object> attributes = named("nor1");
    attributes.put("manufacturerId", " 0x20 ");
    attributes.put("deviceId", "24");
    attributes.put("bigEndian", true);
    attributes.put("file", dir.resolve("a.img").toString());
    attributes.put("readOnly", true);
    attributes.put("rejectOverwrite", true);
    CfiFlashConfiguration configuration = configuration(attributes);
    CfiDeviceParameters parameters = CfiFlashComponent.parameters(configuration);
    assertEquals(0x20, parameters.manufacturerId());
    assertEquals(24, parameters.deviceId());
    assertEquals(ByteOrder.BIG_ENDIAN, parameters.byteOrder());
    MediaSpec spec = CfiFlashComponent.mediaSpec(configuration, parameters);
    assertEquals(BackingMode.FILE_READ_ONLY, spec.backing());
    assertFalse(spec.createIfMissing(), "a read-only device never creates its image");
    assertEquals(ProgramPolicy.REJECT_OVERWRITE, spec.programPolicy());
  }

  @Test
  void aBadIdIsNamed() {
    Map<String, Object> attributes = named("nor2");
    attributes.put("manufacturerId", "Intel");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CfiFlashComponent.parameters(configuration(attributes)));
    assertEquals(
        "nor2: manufacturerId 'Intel' is not a number (write 0x89 or 137)", e.getMessage());
  }

  @Test
  void aBadConfigurationFailsActivationBeforeTouchingTheImage() {
    Map<String, Object> attributes = named("nor3");
    attributes.put("blockCount", 48);
    attributes.put("file", dir.resolve("never.img").toString());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new CfiFlashComponent(
                    new NorMediaProvider(), clock, configuration(attributes), raw(attributes)));
    assertTrue(e.getMessage().contains("block count must be a power of two"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("never.img")));
  }

  @Test
  void whatWasProgrammedIsThereAfterDeactivationAndActivation() throws Exception {
    Map<String, Object> attributes = named("nor4");
    attributes.put("file", dir.resolve("nor4.img").toString());
    CfiFlashComponent first =
        new CfiFlashComponent(
            new NorMediaProvider(), clock, configuration(attributes), raw(attributes));
    long wordProgram = ((long) IntelCommandSet.WORD_PROGRAM << 16) | IntelCommandSet.WORD_PROGRAM;
    try (MmioClaim claim = first.claim("test", 0)) {
      claim.write(0x100, 4, wordProgram);
      claim.write(0x100, 4, 0x12345678L);
    }
    first.deactivate();
    assertEquals(8L << 20, Files.size(dir.resolve("nor4.img")));

    CfiFlashComponent second =
        new CfiFlashComponent(
            new NorMediaProvider(), clock, configuration(attributes), raw(attributes));
    try (MmioClaim claim = second.claim("test", 0)) {
      assertEquals(0x12345678L, claim.read(0x100, 4));
    }
    second.deactivate();
  }

  private static final long WORD_PROGRAM =
      ((long) IntelCommandSet.WORD_PROGRAM << 16) | IntelCommandSet.WORD_PROGRAM;
  private static final long READ_ARRAY =
      ((long) IntelCommandSet.READ_ARRAY << 16) | IntelCommandSet.READ_ARRAY;
  private static final long CONFIRM =
      ((long) IntelCommandSet.CONFIRM << 16) | IntelCommandSet.CONFIRM;
  private static final long BLOCK_ERASE =
      ((long) IntelCommandSet.BLOCK_ERASE << 16) | IntelCommandSet.BLOCK_ERASE;
  private static final long READ_STATUS =
      ((long) IntelCommandSet.READ_STATUS_REGISTER << 16) | IntelCommandSet.READ_STATUS_REGISTER;
  private static final long SR7_BOTH = 0x0080_0080L;

  @Test
  void onlyTheHolderOfTheClaimReachesTheRegisters() throws Exception {
    CfiFlashComponent component =
        new CfiFlashComponent(
            new NorMediaProvider(), clock, configuration(named("nor5")), raw(named("nor5")));
    MmioClaim driverA = component.claim("driver A", 0);
    DeviceClaimException second =
        assertThrows(DeviceClaimException.class, () -> component.claim("driver B", 10));
    assertEquals("driver A", second.holder());
    driverA.close();
    assertThrows(MmioAccessException.class, () -> driverA.read(0, 4));
    assertEquals(1, component.claimable().refusedAccessCount());
    component.deactivate();
  }

  @Test
  void aBlockEraseIsBusyForTheTypicalTimeOfTheQueryTable() throws Exception {
    CfiFlashComponent component =
        new CfiFlashComponent(
            new NorMediaProvider(), clock, configuration(named("nor6")), raw(named("nor6")));
    try (MmioClaim claim = component.claim("test", 0)) {
      claim.write(0, 4, BLOCK_ERASE);
      claim.write(0, 4, CONFIRM);
      assertEquals(0, claim.read(0, 4) & SR7_BOTH, "busy right after the confirm");
      claim.write(0, 4, READ_ARRAY);
      assertEquals(0, claim.read(0, 4) & SR7_BOTH, "Read Array is ignored while busy");
      clock.advance(1023L * 1_000_000);
      assertEquals(0, claim.read(0, 4) & SR7_BOTH, "still busy after 1023 ms of 1024");
      clock.pause(Long.MAX_VALUE);
      assertEquals(1024L * 1_000_000, clock.now(), "a pause stops where the erase ends");
      assertEquals(SR7_BOTH, claim.read(0, 4) & SR7_BOTH, "ready after the typical 2^10 ms");
      claim.write(0, 4, WORD_PROGRAM);
      claim.write(0, 4, 0);
      claim.write(0, 4, READ_STATUS);
      assertEquals(0, claim.read(0, 4) & SR7_BOTH, "a word program is busy too");
      clock.advance(16_000);
      assertEquals(SR7_BOTH, claim.read(0, 4) & SR7_BOTH, "for its typical 2^4 us");
    }
    component.deactivate();
  }

  @Test
  void aPowerCutFailsTheOwnerAndRestoreStartsFromPowerUp() throws Exception {
    Map<String, Object> attributes = named("nor7");
    attributes.put("lockedAtPowerUp", true);
    CfiFlashComponent component =
        new CfiFlashComponent(
            new NorMediaProvider(), clock, configuration(attributes), raw(attributes));
    try (MmioClaim claim = component.claim("driver", 0)) {
      claim.write(0, 4, READ_STATUS);
      component.cut();
      assertThrows(PowerLossException.class, () -> claim.read(0, 4));
      component.restore();
      assertTrue(claim.acknowledgePowerLoss());
      assertEquals(0xffffffffL, claim.read(0, 4), "back in read-array mode after power-up");
      assertTrue(
          component.device().isBlockLocked(3), "volatile locks back to their power-up state");
      assertEquals(1, component.powerLossCount());
    }
    component.deactivate();
  }

  @Test
  void deactivationWaitsForTheAccessSequenceInProgress() throws Exception {
    CfiFlashComponent component =
        new CfiFlashComponent(
            new NorMediaProvider(), clock, configuration(named("nor8")), raw(named("nor8")));
    MmioClaim claim = component.claim("driver", 0);
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CompletableFuture<Long> sequence =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () ->
                claim.exclusive(
                    bus -> {
                      inside.countDown();
                      java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
                      bus.write(0, 4, WORD_PROGRAM);
                      bus.write(0, 4, 0x0f0f0f0fL);
                      bus.write(0, 4, READ_ARRAY);
                      clock.advance(1_000_000);
                      bus.write(0, 4, READ_ARRAY);
                      return bus.read(0, 4);
                    }));
    inside.await();
    component.deactivate();
    assertEquals(0x0f0f0f0fL, sequence.get(), "the sequence finished before the media closed");
  }

  @Test
  void aValueWithAnInlineCommentNamesTheAttributeAndTheRule() {
    Map<String, Object> attributes = named("nor9");
    attributes.put("bankWidth", "2          # bus width in bytes: 1, 2 or 4");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new CfiFlashComponent(
                    new NorMediaProvider(), clock, configuration(named("nor9")), raw(attributes)));
    assertEquals(
        "nor9: bankWidth = '2          # bus width in bytes: 1, 2 or 4' is not a whole number"
            + " (a .cfg file takes comments only on lines of their own)",
        e.getMessage());
    attributes.put("bankWidth", "2");
    attributes.put("readOnly", "maybe");
    IllegalArgumentException bool =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new CfiFlashComponent(
                    new NorMediaProvider(), clock, configuration(named("nor9")), raw(attributes)));
    assertTrue(
        bool.getMessage().contains("readOnly = 'maybe' is not true or false"), bool.getMessage());
  }

  /** One AMD command on both x16 devices of a 32-bit bank, at word address {@code word}. */
  private static void amd(MmioClaim claim, int word, int command) {
    claim.write(4L * word, 4, (long) command << 16 | command);
  }

  @Test
  void aPresetPartIsTheAmdDeviceOfItsDatasheetAndKeepsItsImageAcrossARestart() throws Exception {
    Map<String, Object> attributes = named("nor8");
    attributes.put("part", "am29lv160dt");
    attributes.put("file", dir.resolve("nor8.img").toString());
    CfiFlashComponent first =
        new CfiFlashComponent(
            new NorMediaProvider(), clock, configuration(attributes), raw(attributes));
    assertEquals(4L << 20, first.size(), "two 2 MiB devices on the default 32-bit bank");
    assertEquals(35, first.viewedMedia().sectorCount(), "the top-boot sectors");
    try (MmioClaim claim = first.claim("test", 0)) {
      amd(claim, 0x555, 0xAA);
      amd(claim, 0x2AA, 0x55);
      amd(claim, 0x555, 0x90);
      assertEquals(0x22C4_22C4L, claim.read(4, 4), "both devices' IDs");
      amd(claim, 0, 0xF0);
      amd(claim, 0x555, 0xAA);
      amd(claim, 0x2AA, 0x55);
      amd(claim, 0x555, 0xA0);
      claim.write(0x100, 4, 0x1234_5678L);
      clock.advance(16_000);
      assertEquals(0x1234_5678L, claim.read(0x100, 4));
    }
    first.deactivate();
    assertEquals(4L << 20, Files.size(dir.resolve("nor8.img")));
    CfiFlashComponent second =
        new CfiFlashComponent(
            new NorMediaProvider(), clock, configuration(attributes), raw(attributes));
    try (MmioClaim claim = second.claim("test", 0)) {
      assertEquals(0x1234_5678L, claim.read(0x100, 4));
    }
    second.deactivate();
  }

  @Test
  void aCustomAmdDeviceAndTheErrorsOfABadPartOrCommandSet() throws Exception {
    Map<String, Object> attributes = named("nor9");
    attributes.put("commandSet", "amd");
    attributes.put("bankWidth", 2);
    attributes.put("blockSize", 65536L);
    attributes.put("blockCount", 16);
    attributes.put("manufacturerId", "0x01");
    attributes.put("deviceId", "0x227E");
    CfiFlashComponent component =
        new CfiFlashComponent(
            new NorMediaProvider(), clock, configuration(attributes), raw(attributes));
    try (MmioClaim claim = component.claim("test", 0)) {
      claim.write(2 * 0x55, 2, 0x98);
      assertEquals(0x02, claim.read(2 * 0x13, 2), "AMD/Fujitsu command set");
    }
    component.deactivate();

    attributes.put("part", "28F999");
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new CfiFlashComponent(
                    new NorMediaProvider(), clock, configuration(attributes), raw(attributes)));
    assertTrue(unknown.getMessage().contains("S29GL01GS"), unknown.getMessage());
    attributes.remove("part");
    attributes.put("commandSet", "sharp");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new CfiFlashComponent(
                new NorMediaProvider(), clock, configuration(attributes), raw(attributes)));
    attributes.put("commandSet", "amd");
    attributes.put("part", "S29GL01GS");
    attributes.put("deviceWidth", 1);
    attributes.put("bankWidth", 1);
    IllegalArgumentException width =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new CfiFlashComponent(
                    new NorMediaProvider(), clock, configuration(attributes), raw(attributes)));
    assertTrue(width.getMessage().contains("x8"), width.getMessage());
  }
}
