package org.flashstack.driver.spinor.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashHardware;
import org.flashstack.driver.spinor.SpiNorFlashDriver;
import org.flashstack.driver.spinor.SpiNorHandPart;
import org.flashstack.driver.spinor.SpiNorOptions;
import org.flashstack.driver.spinor.SpiNorParameters;
import org.flashstack.sfdp.QuadEnableRequirement;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hand-configured SPI NOR part as a driver, {@code spinor-part}: its arrival makes the flash
 * virtualizer try again the devices no driver could attach, so a chip without SFDP comes up as soon
 * as its parameters are configured. A change of the parameters re-creates the component, detaching
 * and re-attaching the chips it drives.
 */
@Component(
    service = FlashDriver.class,
    configurationPid = SpiNorHandPartComponent.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = DeviceProperties.DRIVER_NAME + "=" + SpiNorFlashDriver.HAND_PART_NAME)
@Designate(ocd = SpiNorHandPartConfiguration.class, factory = true)
public final class SpiNorHandPartComponent implements FlashDriver {

  /** The factory configuration PID. */
  public static final String FACTORY_PID = SpiNorHandPart.FACTORY_PID;

  private static final Logger LOG = LoggerFactory.getLogger(SpiNorHandPartComponent.class);

  private final SpiNorFlashDriver driver;

  /** Checks the parameters; a wrong one fails activation with a message naming it. */
  @Activate
  public SpiNorHandPartComponent(
      @Reference EmulatedClock clock, SpiNorHandPartConfiguration configuration) {
    this.driver =
        new SpiNorFlashDriver(
            clock,
            new SpiNorOptions(
                configuration.maxLanes(), configuration.unprotect(), configuration.softReset()),
            part(configuration));
  }

  /** The part the configuration describes. */
  static SpiNorHandPart part(SpiNorHandPartConfiguration configuration) {
    String name = configuration.name();
    String where = "hand-configured SPI NOR part " + name + ": ";
    long eraseDefault = Math.multiplyExact(configuration.eraseMaximumMillis(), 1_000_000L);
    List<SpiNorParameters.Erase> erases = new ArrayList<>();
    for (String entry : configuration.erase()) {
      String[] fields = entry.trim().split(":");
      if (fields.length < 2 || fields.length > 3) {
        throw new IllegalArgumentException(
            where + "erase type '" + entry + "' is not size:instruction[:maximum ms]");
      }
      long size = ByteSizes.parse(fields[0], where + "erase size");
      int opcode = hexByte(fields[1], where + "erase instruction");
      long timeout =
          fields.length == 3
              ? Math.multiplyExact(ByteSizes.parse(fields[2], where + "erase maximum"), 1_000_000L)
              : eraseDefault;
      erases.add(new SpiNorParameters.Erase(erases.size() + 1, size, opcode, timeout));
    }
    SpiNorHandPart.FourByteEntry entry;
    try {
      entry =
          SpiNorHandPart.FourByteEntry.valueOf(
              configuration.fourByteEntry().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where
              + "fourByteEntry '"
              + configuration.fourByteEntry()
              + "' is not B7, WREN_B7 or OPCODES");
    }
    QuadEnableRequirement quad = null;
    String qer = configuration.quadEnable() == null ? "" : configuration.quadEnable().trim();
    if (!qer.isEmpty()) {
      try {
        quad = QuadEnableRequirement.valueOf(qer.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            where
                + "quadEnable '"
                + qer
                + "' is not one of NONE, SR1_BIT6, SR2_BIT1_WRITE_TWO_BYTES,"
                + " SR2_BIT1_READ_35_WRITE_TWO_BYTES, SR2_BIT1_WRITE_31, SR2_BIT7");
      }
    }
    return new SpiNorHandPart(
        name,
        jedecId(configuration.jedecId(), where),
        ByteSizes.parse(configuration.size(), where + "size"),
        configuration.pageSize(),
        erases,
        configuration.addressBytes(),
        entry,
        configuration.readMode(),
        hexByte(configuration.readOpcode(), where + "readOpcode"),
        configuration.readWaitClocks(),
        quad,
        Math.multiplyExact(configuration.programMaximumMicros(), 1000L),
        Math.multiplyExact(configuration.chipEraseMaximumMillis(), 1_000_000L),
        configuration.overrideSfdp());
  }

  /** One byte in hex: {@code D8}, {@code d8h}, {@code 0xd8}. */
  static int hexByte(String text, String what) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (value.startsWith("0x")) {
      value = value.substring(2);
    } else if (value.endsWith("h")) {
      value = value.substring(0, value.length() - 1);
    }
    if (!value.matches("[0-9a-f]{1,2}")) {
      throw new IllegalArgumentException(what + " '" + text + "' is not a byte in hex (e.g. D8)");
    }
    return Integer.parseInt(value, 16);
  }

  /** ID bytes in hex: {@code 20 20 14}, {@code 20,20,14}, {@code 202014}, {@code 0x202014}. */
  static byte[] jedecId(String text, String where) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (value.startsWith("0x") && !value.contains(" ") && !value.contains(",")) {
      value = value.substring(2);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String token : value.split("[,\\s]+")) {
      if (token.isEmpty()) {
        continue;
      }
      String digits = token.startsWith("0x") ? token.substring(2) : token;
      if (digits.isEmpty() || digits.length() % 2 != 0 || !digits.matches("[0-9a-f]+")) {
        throw new IllegalArgumentException(
            where + "jedecId '" + text + "' is not bytes in hex (e.g. 20 20 14)");
      }
      for (int i = 0; i < digits.length(); i += 2) {
        out.write(Integer.parseInt(digits.substring(i, i + 2), 16));
      }
    }
    return out.toByteArray();
  }

  @Override
  public String name() {
    return driver.name();
  }

  @Override
  public boolean supports(FlashHardware hardware) {
    return driver.supports(hardware);
  }

  @Override
  public FlashDevice attach(FlashHardware hardware) throws FlashException {
    FlashDevice device = driver.attach(hardware);
    LOG.info(
        "{}: {} bytes, {}",
        device.name(),
        device.geometry().size(),
        device.identity().interfaceDescription());
    return device;
  }
}
