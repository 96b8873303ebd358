package org.flashstack.hw.cfi.internal;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.flashstack.api.media.BackingMode;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.FlashMediaProvider;
import org.flashstack.api.media.FlashMediaView;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.MediaStatistics;
import org.flashstack.api.media.ProgramPolicy;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.api.mmio.MmioSession;
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
 * One CFI flash bank per factory configuration, registered as an {@link MmioDevice} with its
 * configuration ({@code name}, {@code bankWidth}, ...) as service properties and {@code
 * mmio.compatible=cfi-flash}, and as the {@link FlashMediaView} of its cells for tools. The media
 * is opened on activation and flushed and closed on deactivation, so a restart finds what was
 * written.
 */
@Component(
    service = {MmioDevice.class, FlashMediaView.class},
    configurationPid = CfiFlashComponent.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = MmioDevice.COMPATIBLE + "=" + MmioDevice.COMPATIBLE_CFI_FLASH)
@Designate(ocd = CfiFlashConfiguration.class, factory = true)
public final class CfiFlashComponent implements MmioDevice, FlashMediaView {

  /** The factory PID of CFI flash instances. */
  public static final String FACTORY_PID = "org.flashstack.hw.cfi";

  private static final Logger LOG = LoggerFactory.getLogger(CfiFlashComponent.class);

  private final CfiNorFlash device;

  /**
   * Opens the media and builds the device; a bad configuration or image fails activation with its
   * reason.
   */
  @Activate
  public CfiFlashComponent(
      @Reference FlashMediaProvider mediaProvider, CfiFlashConfiguration configuration)
      throws IOException {
    CfiDeviceParameters parameters = parameters(configuration);
    FlashMedia media = mediaProvider.open(mediaSpec(configuration, parameters));
    try {
      this.device = new CfiNorFlash(parameters, media);
    } catch (RuntimeException e) {
      media.close();
      throw e;
    }
    LOG.info("{}", device);
  }

  static CfiDeviceParameters parameters(CfiFlashConfiguration configuration) {
    return new CfiDeviceParameters(
        configuration.name(),
        configuration.bankWidth(),
        configuration.deviceWidth(),
        configuration.blockSize(),
        configuration.blockCount(),
        number(configuration.manufacturerId(), "manufacturerId", configuration.name()),
        number(configuration.deviceId(), "deviceId", configuration.name()),
        configuration.writeBufferSize(),
        configuration.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN,
        configuration.lockedAtPowerUp());
  }

  static MediaSpec mediaSpec(CfiFlashConfiguration configuration, CfiDeviceParameters parameters) {
    String file = configuration.file().trim();
    BackingMode backing =
        file.isEmpty()
            ? BackingMode.RAM
            : configuration.readOnly() ? BackingMode.FILE_READ_ONLY : BackingMode.FILE;
    return new MediaSpec(
        parameters.name(),
        parameters.size(),
        parameters.blockSize(),
        0xff,
        backing,
        file.isEmpty() ? null : Path.of(file),
        configuration.createIfMissing() && backing == BackingMode.FILE,
        configuration.rejectOverwrite() ? ProgramPolicy.REJECT_OVERWRITE : ProgramPolicy.AND);
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
    device.media().close();
    LOG.info("{}: stopped, media flushed and closed", device.name());
  }

  /**
   * @return the model behind this service, for the component's own tests
   */
  CfiNorFlash device() {
    return device;
  }

  @Override
  public String name() {
    return device.name();
  }

  @Override
  public long size() {
    return device.size();
  }

  @Override
  public long read(long offset, int width) {
    return device.read(offset, width);
  }

  @Override
  public void write(long offset, int width, long value) {
    device.write(offset, width, value);
  }

  @Override
  public void readBulk(long offset, byte[] destination, int destinationOffset, int length) {
    device.readBulk(offset, destination, destinationOffset, length);
  }

  @Override
  public <T, X extends Exception> T exclusive(MmioSession<T, X> session) throws X {
    return device.exclusive(session);
  }

  @Override
  public MediaSpec spec() {
    return device.media().spec();
  }

  @Override
  public long blockSize() {
    return device.media().blockSize();
  }

  @Override
  public int eraseValue() {
    return device.media().eraseValue();
  }

  @Override
  public boolean isReadOnly() {
    return device.media().isReadOnly();
  }

  @Override
  public String description() {
    return device.media().description();
  }

  @Override
  public List<String> notes() {
    return device.media().notes();
  }

  @Override
  public long eraseCount(int block) {
    return device.media().eraseCount(block);
  }

  @Override
  public MediaStatistics statistics() {
    return device.media().statistics();
  }
}
