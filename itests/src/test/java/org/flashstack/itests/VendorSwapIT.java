package org.flashstack.itests;

import static org.junit.Assert.*;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.flashstack.api.partition.FlashPartition;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Issue 11 in the product: the emflash vendor driver swapped {@value #SWAPS} times by each install
 * route (feature:install / feature:uninstall, bundle:install / bundle:uninstall, a jar in deploy/)
 * and updated in place from v1 to v2 with bundle:update, while three users write and read
 * partitions of the controller: no operation fails, each runs once, every byte matches the users'
 * models, and flash:drivers shows the version serving.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VendorSwapIT extends FlashStackTestSupport {

  /** Swaps per route. */
  static final int SWAPS = Integer.getInteger("flashstack.vendorSwaps", 50);

  private static final String DRIVER = "org.flashstack.vendor.emflash.driver";
  private static final String LOCATION = "mvn:org.flashstack/" + DRIVER + "/0.1.0-SNAPSHOT";

  @Configuration
  public Option[] configuration() {
    List<Option> options =
        new ArrayList<>(Arrays.asList(distribution(new File(runDirectory(), "vendor-nor0.img"))));
    // the deploy folder scanned every 50 ms instead of every second, so 50 drops take seconds
    options.add(
        editConfigurationFilePut(
            "etc/org.apache.felix.fileinstall-deploy.cfg", "felix.fileinstall.poll", "50"));
    options.add(CoreOptions.systemProperty("flashstack.vendorSwaps").value(String.valueOf(SWAPS)));
    return options.toArray(new Option[0]);
  }

  private Bundle driverBundle(boolean present) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      Bundle found = null;
      for (Bundle bundle : bundleContext.getBundles()) {
        if (bundle.getSymbolicName().equals(DRIVER) && bundle.getState() != Bundle.UNINSTALLED) {
          found = bundle;
        }
      }
      if ((found != null) == present) {
        return found;
      }
      assertTrue(
          DRIVER + (present ? " never came" : " never left"),
          System.currentTimeMillis() < deadline);
      Thread.sleep(5);
    }
  }

  /** The driver's jar with another Bundle-Version: what a vendor's next release would be. */
  private static byte[] withVersion(byte[] jar, String version) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar))) {
      Manifest manifest = in.getManifest();
      manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
      try (JarOutputStream target = new JarOutputStream(out, manifest)) {
        JarEntry entry;
        while ((entry = in.getNextJarEntry()) != null) {
          target.putNextEntry(new JarEntry(entry.getName()));
          in.transferTo(target);
          target.closeEntry();
        }
      }
    }
    return out.toByteArray();
  }

  @Test
  public void theVendorDriverIsSwappedByEveryRouteUnderLoadWithoutLosingAnOperation()
      throws Exception {
    execute("feature:install flashstack-vendor-emflash-hw");
    execute("feature:install flashstack-vendor-emflash");
    ConfigurationAdmin admin =
        bundleContext.getService(bundleContext.getServiceReference(ConfigurationAdmin.class));
    List<org.osgi.service.cm.Configuration> made = new ArrayList<>();
    made.add(
        configure(
            admin,
            "org.flashstack.vendor.emflash.hw",
            "device.name",
            "eflash9",
            "sizeKib",
            "1024"));
    String[] names = {"vendor-a", "vendor-b", "vendor-c"};
    for (int u = 0; u < names.length; u++) {
      made.add(
          configure(
              admin,
              "org.flashstack.partition",
              "partition.name",
              names[u],
              "flash.target",
              "(device.name=eflash9)",
              "offset",
              String.valueOf((5 + u) << 17),
              "size",
              "128K",
              "partition.driverNumber",
              String.valueOf(0x80000200L + u)));
    }
    Path deployed = Path.of(System.getProperty("karaf.base"), "deploy", "emflash-driver.jar");
    byte[] jar;
    try (InputStream in = new java.net.URL(LOCATION).openStream()) {
      jar = in.readAllBytes();
    }
    try {
      flash("eflash9");
      awaitDriver("eflash9", "emflash");
      List<FlashPartition> partitions = new ArrayList<>();
      for (String name : names) {
        partitions.add(partition(name));
      }
      PartitionLoad load = new PartitionLoad(partitions, 1 << 17, 256, 0);
      try {
        for (int swap = 0; swap < SWAPS; swap++) {
          execute("feature:uninstall flashstack-vendor-emflash");
          driverBundle(false);
          execute("feature:install flashstack-vendor-emflash");
          awaitDriver("eflash9", "emflash");
        }
        for (int swap = 0; swap < SWAPS; swap++) {
          execute("bundle:uninstall " + driverBundle(true).getBundleId());
          driverBundle(false);
          execute("bundle:install -s " + LOCATION);
          awaitDriver("eflash9", "emflash");
        }
        driverBundle(true).uninstall();
        for (int swap = 0; swap < SWAPS; swap++) {
          Files.write(deployed, jar);
          awaitDriver("eflash9", "emflash");
          Files.delete(deployed);
          driverBundle(false);
        }
        execute("bundle:install -s " + LOCATION);
        awaitDriver("eflash9", "emflash");
        Bundle v1 = driverBundle(true);
        Path v2 = Path.of(System.getProperty("karaf.base"), "emflash-driver-0.1.1.jar");
        Files.write(v2, withVersion(jar, "0.1.1"));
        execute("bundle:update " + v1.getBundleId() + " " + v2.toUri());
        long deadline = System.currentTimeMillis() + 30_000;
        String drivers;
        while (!(drivers = execute("flash:drivers --no-format")).contains("0.1.1")) {
          assertTrue(drivers, System.currentTimeMillis() < deadline);
          Thread.sleep(20);
        }
        assertTrue(
            drivers,
            drivers
                .lines()
                .anyMatch(
                    line ->
                        line.matches(
                            "eflash9\\s+emflash\\s+\\d+\\s+"
                                + DRIVER.replace(".", "\\.")
                                + "\\s+0\\.1\\.1\\s.*")));
        Thread.sleep(100);
      } catch (Throwable t) {
        load.stop();
        throw t;
      }
      load.stopAndCheck("across " + 3 * SWAPS + " swaps and an update", SWAPS);
      String queue = execute("flash:queue --no-format");
      assertTrue(queue, queue.lines().anyMatch(line -> line.startsWith("eflash9")));
    } finally {
      Files.deleteIfExists(deployed);
      for (org.osgi.service.cm.Configuration configuration : made) {
        configuration.delete();
      }
    }
  }

  /**
   * The second vendor: a quadspi controller hot-deployed in front of a catalog chip on its own bus;
   * its driver replaces the SPI host and SPI NOR drivers for that chip, and the shell works on it
   * as on any device.
   */
  @Test
  public void aQspiControllerAndItsDriverServeACatalogChipAtTheShell() throws Exception {
    execute("feature:install flashstack-vendor-quadspi");
    ConfigurationAdmin admin =
        bundleContext.getService(bundleContext.getServiceReference(ConfigurationAdmin.class));
    org.osgi.service.cm.Configuration chip =
        configure(
            admin,
            "org.flashstack.hw.spinor",
            "device.name",
            "qflash0",
            "spi.part",
            "W25Q128JV",
            "spi.bus",
            "qspi0",
            "spi.cs",
            "0");
    org.osgi.service.cm.Configuration controller =
        configure(
            admin,
            "org.flashstack.vendor.quadspi.hw",
            "device.name",
            "qflash0",
            "spi.bus",
            "qspi0");
    try {
      flash("qflash0");
      awaitDriver("qflash0", "quadspi");
      String info = execute("flash:info qflash0");
      assertTrue(info, info.contains("behind a quadspi controller"));
      File image = new File(runDirectory(), "qspi-image.bin");
      byte[] bytes = "execute in place".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Files.write(image.toPath(), bytes);
      String written = execute("flash:write --erase qflash0 0x10000 " + image.getAbsolutePath());
      assertTrue(written, written.contains("verified"));
      String dump = execute("flash:read qflash0 0x10000 16");
      assertTrue(dump, dump.contains("|execute in place|"));
      String drivers = execute("flash:drivers --no-format");
      assertTrue(
          drivers, row(drivers, "qflash0", "quadspi", "0", "org.flashstack.vendor.quadspi.driver"));
    } finally {
      controller.delete();
      chip.delete();
    }
  }

  /**
   * Seed 000's extension: the board's own flash0, reached both by the OpenTitan SPI host and by a
   * quadspi controller on the same bus. The quadspi driver, preferred for flash0, takes it over
   * from the SPI NOR and SPI host drivers; uninstalled, it hands it back; installed again, it takes
   * it again; ten times, while two users write and read flash0's partitions. Nothing fails or is
   * lost, and flash1 stays on the SPI host throughout.
   */
  @Test
  public void theBoardsChipMovesBetweenTheSpiHostAndAQspiControllerUnderLoad() throws Exception {
    execute("feature:install flashstack-vendor-quadspi");
    ConfigurationAdmin admin =
        bundleContext.getService(bundleContext.getServiceReference(ConfigurationAdmin.class));
    org.osgi.service.cm.Configuration controller =
        configure(
            admin,
            "org.flashstack.vendor.quadspi.hw",
            "device.name",
            "flash0",
            "spi.bus",
            "spi0",
            "device.path",
            "qspi0");
    org.osgi.service.cm.Configuration preference =
        admin.getConfiguration("org.flashstack.vendor.quadspi.driver", "?");
    Dictionary<String, Object> preferred = new Hashtable<>();
    preferred.put("flash.driver.preferredFor", new String[] {"flash0"});
    preference.update(preferred);
    String location = "mvn:org.flashstack/org.flashstack.vendor.quadspi.driver/0.1.0-SNAPSHOT";
    String[] names = {"staging", "logs"};
    try {
      awaitDriver("flash0", "quadspi");
      awaitDriver("flash1", "spinor");
      List<FlashPartition> partitions = new ArrayList<>();
      for (String name : names) {
        partitions.add(partition(name));
      }
      PartitionLoad load = new PartitionLoad(partitions, 64 << 10, 256, 40);
      try {
        for (int cycle = 0; cycle < 10; cycle++) {
          Thread.sleep(50);
          Bundle driver = null;
          for (Bundle bundle : bundleContext.getBundles()) {
            if (bundle.getSymbolicName().equals("org.flashstack.vendor.quadspi.driver")) {
              driver = bundle;
            }
          }
          assertNotNull(driver);
          driver.uninstall();
          awaitDriver("flash0", "spinor");
          Thread.sleep(50);
          execute("bundle:install -s " + location);
          awaitDriver("flash0", "quadspi");
        }
        Thread.sleep(50);
      } catch (Throwable t) {
        load.stop();
        throw t;
      }
      load.stopAndCheck("as flash0 moved between its paths", 10);
      assertEquals("spinor", servingDriver("flash1"));
    } finally {
      preference.delete();
      controller.delete();
    }
    awaitDriver("flash0", "spinor");
  }

  private FlashPartition partition(String name) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      var references =
          bundleContext.getServiceReferences(FlashPartition.class, "(partition.name=" + name + ")");
      if (!references.isEmpty()) {
        return bundleContext.getService(references.iterator().next());
      }
      if (System.currentTimeMillis() > deadline) {
        fail("partition " + name + " did not come up:\n" + execute("flash:list --no-format"));
      }
      Thread.sleep(20);
    }
  }
}
