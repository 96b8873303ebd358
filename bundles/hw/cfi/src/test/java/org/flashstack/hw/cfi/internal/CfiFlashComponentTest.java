package org.flashstack.hw.cfi.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Proxy;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flashstack.api.cfi.IntelCommandSet;
import org.flashstack.api.media.BackingMode;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.ProgramPolicy;
import org.flashstack.hw.cfi.CfiDeviceParameters;
import org.flashstack.hw.media.internal.NorMediaProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component: configuration to parameters and media, activation, and what a restart finds. */
class CfiFlashComponentTest {

  @TempDir Path dir;

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

  private static Map<String, Object> named(String name) {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("name", name);
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
            () -> new CfiFlashComponent(new NorMediaProvider(), configuration(attributes)));
    assertTrue(e.getMessage().contains("block count must be a power of two"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("never.img")));
  }

  @Test
  void whatWasProgrammedIsThereAfterDeactivationAndActivation() throws Exception {
    Map<String, Object> attributes = named("nor4");
    attributes.put("file", dir.resolve("nor4.img").toString());
    CfiFlashComponent first =
        new CfiFlashComponent(new NorMediaProvider(), configuration(attributes));
    long wordProgram = ((long) IntelCommandSet.WORD_PROGRAM << 16) | IntelCommandSet.WORD_PROGRAM;
    first.write(0x100, 4, wordProgram);
    first.write(0x100, 4, 0x12345678L);
    first.deactivate();
    assertEquals(8L << 20, Files.size(dir.resolve("nor4.img")));

    CfiFlashComponent second =
        new CfiFlashComponent(new NorMediaProvider(), configuration(attributes));
    assertEquals(0x12345678L, second.read(0x100, 4));
    second.deactivate();
  }
}
