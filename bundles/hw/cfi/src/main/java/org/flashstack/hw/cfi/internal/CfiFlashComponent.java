package org.flashstack.hw.cfi.internal;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
import org.flashstack.api.mmio.MmioBus;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.hw.cfi.AmdCfiBank;
import org.flashstack.hw.cfi.CfiDeviceParameters;
import org.flashstack.hw.cfi.CfiNorFlash;
import org.flashstack.hw.cfi.CfiPart;
import org.flashstack.hw.cfi.CfiParts;
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

  private final MmioBus model;
  private final FlashMedia media;
  private final CfiNorFlash intelDevice;
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
    ImageSync sync = ImageSync.parse(configuration.sync());
    Optional<CfiPart> part = part(configuration);
    if (part.isPresent() || isAmd(configuration)) {
      PartBankSpec spec = PartBankSpec.of(configuration, part.orElse(null));
      this.media = mediaProvider.open(spec.mediaSpec(configuration));
      media.setImageSync(sync);
      try {
        if (spec.part().isAmd()) {
          AmdCfiBank bank = spec.buildAmd(media, clock);
          this.model = bank;
          this.intelDevice = null;
          this.bus = new ClaimableMmioDevice(bank, bank::powerUpReset);
        } else {
          CfiNorFlash bank = spec.buildIntel(media, clock);
          this.model = bank;
          this.intelDevice = bank;
          this.bus = new ClaimableMmioDevice(bank, bank::powerUpReset);
        }
      } catch (RuntimeException e) {
        media.close();
        throw e;
      }
      LOG.info("{}, {}", model, spec.part());
      return;
    }
    CfiDeviceParameters parameters = parameters(configuration);
    FlashMedia intelMedia = mediaProvider.open(mediaSpec(configuration, parameters));
    intelMedia.setImageSync(sync);
    CfiNorFlash device;
    try {
      device = new CfiNorFlash(parameters, intelMedia, clock);
    } catch (RuntimeException e) {
      intelMedia.close();
      throw e;
    }
    this.media = intelMedia;
    this.model = device;
    this.intelDevice = device;
    this.bus = new ClaimableMmioDevice(device, device::powerUpReset);
    LOG.info("{}", device);
  }

  /** The configured preset part, if any; an unknown name is an error listing the known ones. */
  static Optional<CfiPart> part(CfiFlashConfiguration configuration) {
    String name = configuration.part() == null ? "" : configuration.part().trim();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        CfiParts.byName(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        configuration.device_name()
                            + ": no preset CFI part '"
                            + name
                            + "'; known parts: "
                            + CfiParts.all().stream()
                                .map(CfiPart::name)
                                .collect(Collectors.joining(", ")))));
  }

  private static boolean isAmd(CfiFlashConfiguration configuration) {
    String set = configuration.commandSet() == null ? "" : configuration.commandSet().trim();
    return switch (set.toLowerCase(java.util.Locale.ROOT)) {
      case "", "intel" -> false;
      case "amd" -> true;
      default ->
          throw new IllegalArgumentException(
              configuration.device_name()
                  + ": command set '"
                  + set
                  + "' is not intel (0x0001) or amd (0x0002)");
    };
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

  static int number(String text, String attribute, String name) {
    try {
      return Integer.decode(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + ": " + attribute + " '" + text + "' is not a number (write 0x89 or 137)");
    }
  }

  @Deactivate
  void deactivate() {
    model.exclusive(
        registers -> {
          media.close();
          return null;
        });
    LOG.info("{}: stopped, media flushed and closed", model.name());
  }

  /**
   * @return the Intel model behind this service, for the component's own tests (null for AMD)
   */
  CfiNorFlash device() {
    return intelDevice;
  }

  /**
   * @return the model behind this service, for the component's own tests
   */
  MmioBus model() {
    return model;
  }

  @Override
  public FlashMediaView viewedMedia() {
    return media;
  }

  @Override
  public String name() {
    return ForwardingMmioDevice.super.name();
  }

  @Override
  public DeviceFaults deviceFaults() {
    return media.faults();
  }

  /** The bank's size: its registers and its cells span the same bytes (both interfaces ask). */
  @Override
  public long size() {
    return model.size();
  }

  @Override
  public ClaimableMmioDevice claimable() {
    return bus;
  }
}
