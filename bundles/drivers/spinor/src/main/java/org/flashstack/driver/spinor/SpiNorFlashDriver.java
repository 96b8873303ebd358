package org.flashstack.driver.spinor;

import java.util.Objects;
import java.util.Optional;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashHardware;
import org.flashstack.api.spi.SpiBinding;
import org.flashstack.api.spi.SpiDevice;

/**
 * The SPI NOR driver, {@code spinor}: drives hardware of the {@code jedec,spi-nor} binding that is
 * reached through an {@link SpiDevice}. Attaching probes the chip from its JEDEC ID and SFDP; the
 * catalog of the chip models is never consulted, so a part nobody has heard of works if its SFDP is
 * sound. A driver made with a {@link SpiNorHandPart}, {@code spinor-part}, drives instead the chips
 * that part names whose SFDP is missing or unusable. Usable without OSGi.
 */
public final class SpiNorFlashDriver implements FlashDriver {

  /** The driver's name. */
  public static final String NAME = "spinor";

  /** The name of a driver of hand-configured parts. */
  public static final String HAND_PART_NAME = "spinor-part";

  private final EmulatedClock clock;
  private final SpiNorOptions options;
  private final SpiNorHandPart handPart;

  /**
   * The driver that learns chips from SFDP.
   *
   * @param clock the emulated clock status polling waits on
   * @param options how chips are brought up
   */
  public SpiNorFlashDriver(EmulatedClock clock, SpiNorOptions options) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
    this.handPart = null;
  }

  /**
   * The driver of one hand-configured part.
   *
   * @param clock the emulated clock status polling waits on
   * @param options how chips are brought up
   * @param handPart the parameters, for chips whose RDID matches and whose SFDP is not usable
   */
  public SpiNorFlashDriver(EmulatedClock clock, SpiNorOptions options, SpiNorHandPart handPart) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
    this.handPart = Objects.requireNonNull(handPart, "handPart");
  }

  @Override
  public String name() {
    return handPart == null ? NAME : HAND_PART_NAME;
  }

  @Override
  public boolean supports(FlashHardware hardware) {
    return SpiBinding.COMPATIBLE_SPI_NOR.equals(
            String.valueOf(hardware.properties().get(DeviceProperties.COMPATIBLE)))
        && hardware.as(SpiDevice.class).isPresent();
  }

  @Override
  public FlashDevice attach(FlashHardware hardware) throws FlashException {
    Optional<SpiDevice> spi = hardware.as(SpiDevice.class);
    if (spi.isEmpty()) {
      throw new FlashException(
          FlashError.NOT_SUPPORTED, hardware.name(), "attach", 0, "not an SPI device");
    }
    SpiNorBus bus = new SpiNorBus(spi.get(), clock);
    SpiNorOptions lanes = options.withAtMostLanes(maxLanes(hardware));
    return new SpiNorDevice(
        bus,
        handPart == null ? SpiNorProbe.probe(bus, lanes) : SpiNorProbe.probe(bus, lanes, handPart));
  }

  /**
   * @return the lanes the device's path carries ({@link SpiBinding#MAX_LANES}), 4 if it does not
   *     say
   * @throws FlashException INVALID_ARGUMENT for a value other than 1, 2 or 4
   */
  private static int maxLanes(FlashHardware hardware) throws FlashException {
    Object value = hardware.properties().get(SpiBinding.MAX_LANES);
    if (value == null) {
      return 4;
    }
    String text = String.valueOf(value).trim();
    if (!text.equals("1") && !text.equals("2") && !text.equals("4")) {
      throw new FlashException(
          FlashError.INVALID_ARGUMENT,
          hardware.name(),
          "attach",
          -1,
          SpiBinding.MAX_LANES + " is 1, 2 or 4, not " + text);
    }
    return Integer.parseInt(text);
  }
}
