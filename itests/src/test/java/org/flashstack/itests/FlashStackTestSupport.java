package org.flashstack.itests;

import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.Flash;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Boots the FlashStack distribution this build assembled (karaf-assembly/target/*.tar.gz), with
 * nor0's image at a path the test chooses, and runs shell commands in it as an admin user.
 */
public abstract class FlashStackTestSupport {

  @Inject protected BundleContext bundleContext;

  @Inject protected SessionFactory sessionFactory;

  /** Where this run keeps files that must outlive one container (flash images). */
  protected static File runDirectory() {
    File dir =
        new File(
            System.getProperty("flashstack.workDir", "target"),
            "itest-" + System.getProperty("flashstack.runId", "local"));
    dir.mkdirs();
    return dir;
  }

  /** The distribution with nor0 backed by {@code image}. */
  /** The image of another device of the board beside {@code image} (nor0's), e.g. flash1's. */
  protected static File sibling(File image, String device) {
    return new File(image.getParentFile(), image.getName().replace("nor0", device));
  }

  protected static Option[] distribution(File image) {
    String assembly = System.getProperty("flashstack.assembly");
    if (assembly == null || !new File(assembly).isFile()) {
      throw new IllegalStateException(
          "the assembled distribution is missing: " + assembly + " (build karaf-assembly first)");
    }
    List<Option> options =
        new ArrayList<>(
            Arrays.asList(
                karafDistributionConfiguration()
                    .frameworkUrl(new File(assembly).toURI().toString())
                    .unpackDirectory(
                        new File(System.getProperty("flashstack.workDir", "target"), "exam"))
                    .useDeployFolder(false)
                    .name("FlashStack"),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevelOption.LogLevel.INFO),
                systemTimeout(120_000),
                editConfigurationFilePut(
                    "etc/org.flashstack.hw.cfi-nor0.cfg", "file", image.getAbsolutePath()),
                editConfigurationFilePut(
                    "etc/org.flashstack.hw.spinor-flash0.cfg",
                    "file",
                    sibling(image, "flash0").getAbsolutePath()),
                editConfigurationFilePut(
                    "etc/org.flashstack.hw.spinor-flash1.cfg",
                    "file",
                    sibling(image, "flash1").getAbsolutePath()),
                editConfigurationFilePut(
                    "etc/system.properties",
                    "flashstack.runId",
                    System.getProperty("flashstack.runId", "local")),
                editConfigurationFilePut(
                    "etc/system.properties",
                    "flashstack.workDir",
                    new File(System.getProperty("flashstack.workDir", "target")).getAbsolutePath()),
                editConfigurationFilePut(
                    "etc/org.ops4j.pax.url.mvn.cfg",
                    "org.ops4j.pax.url.mvn.localRepository",
                    System.getProperty(
                        "flashstack.localRepository",
                        System.getProperty("user.home") + "/.m2/repository")),
                vmOptions(
                    "--add-reads=java.xml=java.logging",
                    "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                    "--patch-module",
                    "java.base=lib/endorsed/org.apache.karaf.specs.locator-4.4.8.jar",
                    "--patch-module",
                    "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-4.4.8.jar",
                    "--add-opens",
                    "java.base/java.security=ALL-UNNAMED",
                    "--add-opens",
                    "java.base/java.net=ALL-UNNAMED",
                    "--add-opens",
                    "java.base/java.lang=ALL-UNNAMED",
                    "--add-opens",
                    "java.base/java.util=ALL-UNNAMED",
                    "--add-opens",
                    "java.naming/javax.naming.spi=ALL-UNNAMED",
                    "--add-opens",
                    "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "-classpath",
                    "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*")));
    if (Boolean.getBoolean("flashstack.keepRuntime")) {
      // -Dflashstack.keepRuntime=true keeps each container's folder (data/log/karaf.log) to read
      options.add(keepRuntimeFolder());
    }
    if ("offline-true".equals(System.getProperty("flashstack.offline"))) {
      options.add(
          editConfigurationFilePut(
              "etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.offline", "true"));
      options.add(
          editConfigurationFilePut(
              "etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""));
    }
    return options.toArray(new Option[0]);
  }

  /** Waits for the Flash service named {@code name}. */
  protected Flash flash(String name) throws Exception {
    ServiceTracker<Flash, Flash> tracker =
        new ServiceTracker<>(
            bundleContext,
            FrameworkUtil.createFilter(
                "(&(objectClass="
                    + Flash.class.getName()
                    + ")"
                    + DeviceProperties.filter(name)
                    + ")"),
            null);
    tracker.open();
    try {
      Flash flash = tracker.waitForService(60_000);
      if (flash == null) {
        throw new AssertionError("no Flash service " + name + " within 60 s");
      }
      return flash;
    } finally {
      tracker.close();
    }
  }

  /**
   * @return the driver serving {@code device}, as its Flash service says ("none" while none does)
   */
  protected String servingDriver(String device) throws Exception {
    return String.valueOf(
        bundleContext
            .getServiceReferences(
                org.flashstack.api.flash.Flash.class,
                org.flashstack.api.device.DeviceProperties.filter(device))
            .iterator()
            .next()
            .getProperty(org.flashstack.api.device.DeviceProperties.DRIVER_NAME));
  }

  /** Waits up to 30 s for {@code driver} to serve {@code device}. */
  protected void awaitDriver(String device, String driver) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!servingDriver(device).equals(driver)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(
            device + " served by " + servingDriver(device) + ", not " + driver);
      }
      Thread.sleep(5);
    }
  }

  /**
   * Creates a factory configuration of {@code pid} from name / value pairs, the first its alias.
   */
  protected static org.osgi.service.cm.Configuration configure(
      org.osgi.service.cm.ConfigurationAdmin admin, String pid, String... pairs)
      throws java.io.IOException {
    org.osgi.service.cm.Configuration configuration =
        admin.getFactoryConfiguration(pid, pairs[1], "?");
    java.util.Dictionary<String, Object> properties = new java.util.Hashtable<>();
    for (int i = 0; i < pairs.length; i += 2) {
      properties.put(pairs[i], pairs[i + 1]);
    }
    configuration.update(properties);
    return configuration;
  }

  /** Whether a --no-format table has a row starting with these cells (padding ignored). */
  protected static boolean row(String table, String... cells) {
    return table
        .lines()
        .map(line -> java.util.Arrays.stream(line.split("\t")).map(String::strip).toList())
        .anyMatch(
            line ->
                line.size() >= cells.length
                    && line.subList(0, cells.length).equals(java.util.Arrays.asList(cells)));
  }

  /** Runs a shell command as an admin and returns what it printed; a failing command throws. */
  protected String execute(String command) throws Exception {
    // The shell's commands register when its bundle has started, which can be after the first
    // test begins: wait for the command, not for anything else.
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      try {
        return executeOnce(command);
      } catch (Exception e) {
        boolean notYet =
            e.getClass().getSimpleName().equals("CommandNotFoundException")
                || String.valueOf(e.getMessage()).startsWith("Command not found");
        if (!notYet || System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private String executeOnce(String command) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Session session = sessionFactory.create(System.in, out, out);
    Subject subject = new Subject();
    subject.getPrincipals().add(new UserPrincipal("itest"));
    subject.getPrincipals().add(new RolePrincipal("admin"));
    subject.getPrincipals().add(new RolePrincipal("manager"));
    subject.getPrincipals().add(new RolePrincipal("viewer"));
    try {
      Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
    } catch (java.security.PrivilegedActionException e) {
      throw e.getException();
    } finally {
      out.flush();
      session.close();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
