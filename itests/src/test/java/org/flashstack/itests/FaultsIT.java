package org.flashstack.itests;

import static org.junit.Assert.*;

import java.io.File;
import java.util.Arrays;
import java.util.Collection;
import org.flashstack.api.device.DevicePower;
import org.flashstack.api.fault.DeviceFaults;
import org.flashstack.api.fault.FaultKind;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Issue 14's fault engine in the product: fault:* at the shell, plans from configuration, and a
 * planned power cut that takes the whole board's supply with it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FaultsIT extends FlashStackTestSupport {

  @Configuration
  public Option[] configuration() {
    return distribution(new File(runDirectory(), "faults-nor0.img"));
  }

  private <S> S service(Class<S> type, String device) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      Collection<ServiceReference<S>> found =
          bundleContext.getServiceReferences(
              type, org.flashstack.api.device.DeviceProperties.filter(device));
      if (!found.isEmpty()) {
        return bundleContext.getService(found.iterator().next());
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("no " + type.getSimpleName() + " for " + device);
      }
      Thread.sleep(50);
    }
  }

  @Test
  public void aPlannedPowerCutFailsTheWriteInFlightCyclesTheBoardAndNothingAcknowledgedIsLost()
      throws Exception {
    Flash flash0 = flash("flash0");
    byte[] before = new byte[256];
    Arrays.fill(before, (byte) 0x3c);
    flash0.erase(0x300000, 0x1000);
    flash0.program(0x300000, before, 0, before.length);

    String shown = execute("fault:show --no-format");
    assertTrue(shown, row(shown, "flash0", "none", "none"));
    DevicePower host = service(DevicePower.class, "spihost0");
    long hostLosses = host.powerLossCount();

    String planned =
        execute("fault:plan --power-cuts every:1 --cut-point 0.5 --tear bitwise flash0");
    assertTrue(planned, planned.contains("power cuts every:1 at 0.5, bitwise"));
    byte[] data = new byte[256];
    Arrays.fill(data, (byte) 0x5a);
    try {
      flash0.program(0x300100, data, 0, data.length);
      fail("a program cut by the power is never reported done");
    } catch (FlashException e) {
      assertTrue(
          e.getMessage(),
          e.error() == FlashError.POWER_LOST
              || e.error() == FlashError.UNAVAILABLE
              || e.error() == FlashError.TIMEOUT
              || e.error() == FlashError.DEVICE_FAULT);
    }
    execute("fault:clear flash0");
    long deadline = System.currentTimeMillis() + 10_000;
    while (host.powerLossCount() == hostLosses && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertTrue("the SPI host's supply went with the cut", host.powerLossCount() > hostLosses);

    String log = execute("fault:log flash0");
    assertTrue(log, log.contains("POWER_CUT") && log.contains("torn bit by bit"));
    shown = execute("fault:show --no-format flash0");
    assertTrue(shown, shown.contains("power_cut 1"));
    DeviceFaults faults = service(DeviceFaults.class, "flash0");
    assertEquals(Long.valueOf(1), faults.counts().get(FaultKind.TORN_PROGRAM));

    // the board is back: what was acknowledged before the cut is there, and writes work again
    byte[] back = new byte[256];
    for (int attempt = 0; ; attempt++) {
      try {
        flash0.read(0x300000, back, 0, back.length);
        break;
      } catch (FlashException e) {
        assertTrue(e.getMessage(), attempt < 3 && e.error() == FlashError.POWER_LOST);
      }
    }
    assertArrayEquals(before, back);
    flash0.erase(0x301000, 0x1000);
    flash0.program(0x301000, data, 0, data.length);
    flash0.read(0x301000, back, 0, back.length);
    assertArrayEquals(data, back);
  }

  @Test
  public void aPlanFromConfigurationIsInForceWhileItsConfigurationIsThere() throws Exception {
    ConfigurationAdmin admin =
        bundleContext.getService(bundleContext.getServiceReference(ConfigurationAdmin.class));
    org.osgi.service.cm.Configuration plan =
        configure(
            admin, "org.flashstack.fault", "device", "flash1", "readFlipRate", "0.5", "seed", "3");
    long deadline = System.currentTimeMillis() + 20_000;
    String shown = "";
    while (System.currentTimeMillis() < deadline) {
      shown = execute("fault:show --no-format flash1");
      if (shown.contains("read flips 0.5")) {
        break;
      }
      Thread.sleep(100);
    }
    assertTrue(shown, shown.contains("read flips 0.5 (seed 3)"));
    plan.delete();
    deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      shown = execute("fault:show --no-format flash1");
      if (row(shown, "flash1", "none")) {
        break;
      }
      Thread.sleep(100);
    }
    assertTrue(shown, row(shown, "flash1", "none"));
  }

  @Test
  public void badPlansAreRefusedNamingTheSetting() throws Exception {
    try {
      execute("fault:plan --power-cuts sometimes flash0");
      fail("refused");
    } catch (Exception e) {
      assertTrue(e.getMessage(), e.getMessage().contains("--power-cuts: 'sometimes'"));
    }
    try {
      execute("fault:plan --stuck-bit 0x7fffffff.1=0 flash0");
      fail("refused");
    } catch (Exception e) {
      assertTrue(e.getMessage(), e.getMessage().contains("past the end of the device"));
    }
    String shown = execute("fault:show --no-format flash0");
    assertTrue(shown, row(shown, "flash0", "none"));
  }
}
