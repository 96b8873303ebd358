package org.flashstack.vendor.emflash.hw.internal;

import java.io.IOException;
import java.util.Map;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.DevicePower;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.fault.DeviceFaults;
import org.flashstack.api.fault.ForwardingDeviceFaults;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.FlashMediaProvider;
import org.flashstack.api.media.ImageSync;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.api.mmio.ForwardingMmioDevice;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.vendor.emflash.hw.EmflashController;
import org.flashstack.vendor.emflash.registers.EmflashRegisters;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One emflash controller per factory configuration: an {@link MmioDevice} reached through claims,
 * with {@code device.compatible=}{@value #COMPATIBLE}, and its {@link DevicePower}.
 */
@Component(
    service = {MmioDevice.class, DevicePower.class, DeviceFaults.class},
    configurationPid = EmflashComponent.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = DeviceProperties.COMPATIBLE + "=" + EmflashComponent.COMPATIBLE)
@Designate(ocd = EmflashConfiguration.class, factory = true)
public final class EmflashComponent implements ForwardingMmioDevice, ForwardingDeviceFaults {

  /** The factory PID of emflash controllers. */
  public static final String FACTORY_PID = "org.flashstack.vendor.emflash.hw";

  /** The binding vendor drivers match. */
  public static final String COMPATIBLE = "flashstack,emflash";

  private static final Logger LOG = LoggerFactory.getLogger(EmflashComponent.class);

  private final EmflashController controller;
  private final ClaimableMmioDevice bus;

  @Activate
  public EmflashComponent(
      @Reference FlashMediaProvider mediaProvider,
      @Reference EmulatedClock clock,
      EmflashConfiguration configuration,
      Map<String, Object> properties)
      throws IOException {
    String name = configuration.device_name();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an emflash controller needs device.name");
    }
    long size = (long) configuration.sizeKib() << 10;
    ImageSync sync = ImageSync.parse(configuration.sync());
    FlashMedia media =
        mediaProvider.open(
            MediaSpec.forDevice(
                name,
                size,
                16 << 10,
                EmflashRegisters.sectors(configuration.sizeKib()),
                configuration.file(),
                false,
                true,
                false));
    media.setImageSync(sync);
    try {
      controller =
          new EmflashController(
              name, media, clock, optionBytes(configuration.writeProtectedSectors(), name));
    } catch (RuntimeException e) {
      media.close();
      throw e;
    }
    bus = new ClaimableMmioDevice(controller, controller::powerUpReset);
    LOG.info("{}", controller);
  }

  static int optionBytes(String sectors, String name) {
    int value = EmflashRegisters.OPTCR_RESET & ~EmflashRegisters.OPTCR_OPTLOCK;
    if (sectors == null || sectors.isBlank()) {
      return value;
    }
    for (String sector : sectors.split(",")) {
      int number;
      try {
        number = Integer.parseInt(sector.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            name + ": writeProtectedSectors '" + sectors + "' is not a list of sector numbers");
      }
      if (number < 0 || number > 11) {
        throw new IllegalArgumentException(name + ": there is no sector " + number);
      }
      value &= ~(1 << (EmflashRegisters.OPTCR_NWRP_SHIFT + number));
    }
    return value;
  }

  @Deactivate
  void deactivate() {
    controller.exclusive(
        registers -> {
          controller.media().close();
          return null;
        });
  }

  @Override
  public ClaimableMmioDevice claimable() {
    return bus;
  }

  @Override
  public String name() {
    return ForwardingMmioDevice.super.name();
  }

  @Override
  public DeviceFaults deviceFaults() {
    return controller.media().faults();
  }
}
