package org.flashstack.hw.spinor.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.DeviceConfigurations;
import org.flashstack.api.device.DevicePower;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.fault.DeviceFaults;
import org.flashstack.api.fault.ForwardingDeviceFaults;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.FlashMediaProvider;
import org.flashstack.api.media.FlashMediaView;
import org.flashstack.api.media.ForwardingMediaView;
import org.flashstack.api.media.ImageSync;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.spi.SpiBinding;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.api.spi.SpiTarget;
import org.flashstack.hw.spinor.ChipCatalog;
import org.flashstack.hw.spinor.ChipPart;
import org.flashstack.hw.spinor.SfdpTableBuilder;
import org.flashstack.hw.spinor.SpiNorChip;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One catalog chip per factory configuration, registered as the {@link SpiTarget} on its bus and
 * chip select (its configuration: {@code spi.bus}, {@code spi.cs}, {@code spi.part}, {@code
 * device.name}, {@code device.compatible=jedec,spi-nor}), as its {@link DevicePower} supply and as
 * the {@link FlashMediaView} of its cells and as its cells' {@link DeviceFaults}. Busy times run on
 * the system's clock; the media is opened on activation and flushed and closed on deactivation.
 */
@Component(
    service = {SpiTarget.class, DevicePower.class, FlashMediaView.class, DeviceFaults.class},
    configurationPid = SpiNorChipComponent.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = DeviceProperties.COMPATIBLE + "=" + SpiBinding.COMPATIBLE_SPI_NOR)
@Designate(ocd = SpiNorChipConfiguration.class, factory = true)
public final class SpiNorChipComponent
    implements SpiTarget, DevicePower, ForwardingMediaView, ForwardingDeviceFaults {

  /** The factory PID of SPI NOR chips. */
  public static final String FACTORY_PID = "org.flashstack.hw.spinor";

  private static final Logger LOG = LoggerFactory.getLogger(SpiNorChipComponent.class);

  private final SpiNorChip chip;
  private final Object powerLock = new Object();

  /**
   * Opens the media and builds the chip; an unknown part, a bad value or an image that does not fit
   * fails activation with its reason.
   */
  @Activate
  public SpiNorChipComponent(
      @Reference FlashMediaProvider mediaProvider,
      @Reference EmulatedClock clock,
      SpiNorChipConfiguration configuration,
      Map<String, Object> properties)
      throws IOException {
    DeviceConfigurations.check(SpiNorChipConfiguration.class, properties);
    String name = DeviceProperties.name(properties);
    if (configuration.spi_cs() < 0) {
      throw new IllegalArgumentException(
          name + ": spi.cs = " + configuration.spi_cs() + " is not a chip select (0 and up)");
    }
    if (configuration.spi_bus() == null || configuration.spi_bus().isBlank()) {
      throw new IllegalArgumentException(name + ": spi.bus must name the bus, e.g. spi0");
    }
    ChipPart part = ChipCatalog.builtIn().part(configuration.spi_part());
    ImageSync sync = ImageSync.parse(configuration.sync());
    FlashMedia media =
        mediaProvider.open(
            MediaSpec.forDevice(
                name,
                part.size(),
                part.smallestErase(),
                List.of(),
                configuration.file(),
                configuration.readOnly(),
                configuration.createIfMissing(),
                configuration.rejectOverwrite()));
    media.setImageSync(sync);
    try {
      this.chip =
          new SpiNorChip(
              name,
              part,
              media,
              clock,
              configuration.sfdp() ? SfdpTableBuilder.sfdpOf(part) : new byte[0]);
    } catch (RuntimeException e) {
      media.close();
      throw e;
    }
    LOG.info("{} on {} chip select {}", chip, configuration.spi_bus(), configuration.spi_cs());
  }

  @Deactivate
  void deactivate() {
    synchronized (chip) {
      chip.media().close();
    }
    LOG.info("{}: stopped, media flushed and closed", chip.name());
  }

  /**
   * @return the model behind this service, for the component's own tests
   */
  SpiNorChip chip() {
    return chip;
  }

  @Override
  public String name() {
    return chip.name();
  }

  @Override
  public void select() {
    chip.select();
  }

  @Override
  public void transmit(byte[] data, int offset, int length, SpiLanes lanes) {
    chip.transmit(data, offset, length, lanes);
  }

  @Override
  public void receive(byte[] destination, int offset, int length, SpiLanes lanes) {
    chip.receive(destination, offset, length, lanes);
  }

  @Override
  public void exchange(
      byte[] transmit, int transmitOffset, byte[] receive, int receiveOffset, int length) {
    chip.exchange(transmit, transmitOffset, receive, receiveOffset, length);
  }

  @Override
  public void dummy(int clocks) {
    chip.dummy(clocks);
  }

  @Override
  public void deselect() {
    chip.deselect();
  }

  @Override
  public void cut() {
    synchronized (powerLock) {
      chip.powerOff();
    }
  }

  @Override
  public void restore() {
    synchronized (powerLock) {
      if (!chip.isPowered()) {
        chip.powerOn();
      }
    }
  }

  @Override
  public boolean isPowered() {
    return chip.isPowered();
  }

  @Override
  public long powerLossCount() {
    return chip.powerLosses();
  }

  @Override
  public FlashMediaView viewedMedia() {
    return chip.media();
  }

  @Override
  public DeviceFaults deviceFaults() {
    return chip.media().faults();
  }
}
