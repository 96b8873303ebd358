package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashIdentity;
import org.osgi.framework.ServiceReference;

/** {@code flash:id <device>}: the IDs the device reports, and for SPI NOR the part they mean. */
@Service
@Command(scope = "flash", name = "id", description = "Shows the IDs a flash device reports")
public class FlashIdCommand extends FlashCommand {

  @Override
  void execute(Flash flash, ServiceReference<Flash> reference) {
    FlashIdentity identity = flash.identity();
    var spi = SpiNorFacts.of(flash);
    if (spi.isPresent()) {
      System.out.printf(
          "%s: JEDEC ID %s, manufacturer 0x%02x (%s), %s%n",
          flash.name(),
          SpiNorFacts.jedec(spi.get()),
          identity.manufacturerId(),
          identity.manufacturerName(),
          SpiNorFacts.part(spi.get()));
    } else {
      System.out.printf(
          "%s: manufacturer 0x%02x (%s), device 0x%04x%n",
          flash.name(),
          identity.manufacturerId(),
          identity.manufacturerName(),
          identity.deviceId());
    }
  }
}
