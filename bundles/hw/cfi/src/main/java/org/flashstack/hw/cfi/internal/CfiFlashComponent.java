package org.flashstack.hw.cfi.internal;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.flashstack.api.cfi.CfiBinding;
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
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.api.mmio.ForwardingMmioDevice;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.hw.cfi.CfiDeviceParameters;
import org.flashstack.hw.cfi.CfiNorFlash;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CFI flash bank per factory configuration, registered as an {@link MmioDevice} (reached only
 * through a claim) with its configuration ({@code device.name}, {@code bankWidth}, ...) as service
 * properties and {@code device.compatible=cfi-flash}, as its {@link DevicePower} supply, and as the
 * {@link FlashMediaView} of its cells for tools, and as its cells' {@link DeviceFaults}. Busy times
 * run on the system's clock. The media is opened on activation and, once the access in progress is
 * over, flushed and closed on deactivation, so a restart finds what was written.
 */
@Component(
    service = {MmioDevice.class, DevicePower.class, FlashMediaView.class, DeviceFaults.class},
    configurationPid = CfiFlashComponent.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = DeviceProperties.COMPATIBLE + "=" + CfiBinding.COMPATIBLE)
@Designate(ocd = CfiFlashConfiguration.class, factory = true)
public final class CfiFlashComponent
    implements ForwardingMmioDevice, ForwardingMediaView, ForwardingDeviceFaults {

  /** The factory PID of CFI flash instances. */
  public static final String FACTORY_PID = "org.flashstack.hw.cfi";

  private static final Logger LOG = LoggerFactory.getLogger(CfiFlashComponent.class);

  private final CfiNorFlash device;
  private final ClaimableMmioDevice bus;

  /**
   * Opens the media and builds the device; a bad configuration or image fails activation with its
   * reason.
   */
  @Activate
  public CfiFlashComponent(
      @Reference FlashMediaProvider mediaProvider,
      @Reference EmulatedClock clock,
      CfiFlashConfiguration configuration,
      Map<String, Object> properties)
      throws IOException {
    DeviceConfigurations.check(CfiFlashConfiguration.class, properties);
    CfiDeviceParameters parameters = parameters(configuration);
    ImageSync sync = ImageSync.parse(configuration.sync());
    FlashMedia media = mediaProvider.open(mediaSpec(configuration, parameters));
    media.setImageSync(sync);
    try {
      this.device = new CfiNorFlash(parameters, media, clock);
    } catch (RuntimeException e) {
      media.close();
      throw e;
    }
    this.bus = new ClaimableMmioDevice(device, device::powerUpReset);
    LOG.info("{}", device);
  }

  static CfiDeviceParameters parameters(CfiFlashConfiguration configuration) {
    String name = configuration.device_name();
    return new CfiDeviceParameters(
        name,
        configuration.bankWidth(),
        configuration.deviceWidth(),
        configuration.blockSize(),
        configuration.blockCount(),
        number(configuration.manufacturerId(), "manufacturerId", name),
        number(configuration.deviceId(), "deviceId", name),
        configuration.writeBufferSize(),
        configuration.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN,
        configuration.lockedAtPowerUp());
  }

  static MediaSpec mediaSpec(CfiFlashConfiguration configuration, CfiDeviceParameters parameters) {
    return MediaSpec.forDevice(
        parameters.name(),
        parameters.size(),
        parameters.blockSize(),
        List.of(),
        configuration.file(),
        configuration.readOnly(),
        configuration.createIfMissing(),
        configuration.rejectOverwrite());
  }

  private static int number(String text, String attribute, String name) {
    try {
      return Integer.decode(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + ": " + attribute + " '" + text + "' is not a number (write 0x89 or 137)");
    }
  }

  @Deactivate
  void deactivate() {
    device.exclusive(
        registers -> {
          device.media().close();
          return null;
        });
    LOG.info("{}: stopped, media flushed and closed", device.name());
  }

  /**
   * @return the model behind this service, for the component's own tests
   */
  CfiNorFlash device() {
    return device;
  }

  @Override
  public FlashMediaView viewedMedia() {
    return device.media();
  }

  @Override
  public String name() {
    return ForwardingMmioDevice.super.name();
  }

  @Override
  public DeviceFaults deviceFaults() {
    return device.media().faults();
  }

  /** The bank's size: its registers and its cells span the same bytes (both interfaces ask). */
  @Override
  public long size() {
    return device.size();
  }

  @Override
  public ClaimableMmioDevice claimable() {
    return bus;
  }
}
