package org.flashstack.faults.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flashstack.api.device.DevicePower;
import org.flashstack.api.fault.DeviceFaults;
import org.flashstack.api.fault.FaultEvent;
import org.flashstack.api.fault.FaultKind;
import org.flashstack.api.fault.FaultListener;
import org.flashstack.api.fault.FaultPlan;
import org.flashstack.api.fault.OperationSchedule;
import org.flashstack.api.fault.StuckBit;
import org.flashstack.api.fault.TearStyle;
import org.flashstack.api.fault.WearOutMode;
import org.flashstack.faults.FaultPlans;
import org.junit.jupiter.api.Test;

class FaultsComponentsTest {

  /** A configuration as Configuration Admin would hand it over. */
  private static FaultPlanConfiguration configuration(
      String device, String powerCuts, String cutPoint, String[] stuck) {
    return new FaultPlanConfiguration() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return FaultPlanConfiguration.class;
      }

      @Override
      public String device() {
        return device;
      }

      @Override
      public long seed() {
        return 9;
      }

      @Override
      public String powerCuts() {
        return powerCuts;
      }

      @Override
      public String cutPoint() {
        return cutPoint;
      }

      @Override
      public String tear() {
        return "Bitwise";
      }

      @Override
      public String programFailures() {
        return "none";
      }

      @Override
      public String eraseFailures() {
        return "every:10";
      }

      @Override
      public double readFlipRate() {
        return 0.01;
      }

      @Override
      public String[] stuckBits() {
        return stuck;
      }

      @Override
      public long endurance() {
        return 100;
      }

      @Override
      public String wearOut() {
        return "bits-stick";
      }
    };
  }

  /** A device's engine that only keeps its plan and listeners. */
  static final class FakeFaults implements DeviceFaults {
    final String name;
    FaultPlan plan = FaultPlan.NONE;
    final List<FaultListener> listeners = new CopyOnWriteArrayList<>();
    final long size;

    FakeFaults(String name, long size) {
      this.name = name;
      this.size = size;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public FaultPlan plan() {
      return plan;
    }

    @Override
    public void apply(FaultPlan next) {
      for (StuckBit bit : next.stuckBits()) {
        if (bit.offset() >= size) {
          throw new IllegalArgumentException(name + ": stuck bit " + bit + " is past the end");
        }
      }
      plan = next;
    }

    @Override
    public Map<FaultKind, Long> counts() {
      return Map.of();
    }

    @Override
    public List<FaultEvent> events() {
      return List.of();
    }

    @Override
    public void resetCounts() {}

    @Override
    public void addListener(FaultListener listener) {
      listeners.add(listener);
    }

    @Override
    public void removeListener(FaultListener listener) {
      listeners.remove(listener);
    }
  }

  @Test
  void aConfigurationBecomesThePlanItSaysOnTheDeviceItNamesAndGoesWithIt() {
    FaultPlanComponent component =
        new FaultPlanComponent(
            configuration("flash0", "random:1000", "0.25", new String[] {"0x10.3=0"}));
    FaultPlan plan = component.plan();
    assertEquals(9, plan.seed());
    assertEquals(new OperationSchedule.Random(1000), plan.powerCuts());
    assertEquals(0.25, plan.cutPoint());
    assertEquals(TearStyle.BITWISE, plan.tear());
    assertEquals(new OperationSchedule.Every(10), plan.eraseFailures());
    assertEquals(List.of(new StuckBit(0x10, 3, 0)), plan.stuckBits());
    assertEquals(WearOutMode.BITS_STICK, plan.wearOut());
    FakeFaults flash0 = new FakeFaults("flash0", 1 << 20);
    FakeFaults flash1 = new FakeFaults("flash1", 1 << 20);
    component.bindDeviceFaults(flash1);
    component.bindDeviceFaults(flash0);
    assertEquals(plan, flash0.plan);
    assertEquals(FaultPlan.NONE, flash1.plan, "another device is left alone");
    component.deactivate();
    assertEquals(FaultPlan.NONE, flash0.plan, "the plan goes with its configuration");
  }

  @Test
  void aPlanTheDeviceRefusesChangesNothingAndABadSettingIsNamed() {
    FaultPlanComponent component =
        new FaultPlanComponent(
            configuration("flash0", "none", "random", new String[] {"0x100000.0=1"}));
    FakeFaults small = new FakeFaults("flash0", 4096);
    component.bindDeviceFaults(small);
    assertEquals(FaultPlan.NONE, small.plan);
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new FaultPlanComponent(configuration("flash0", "often", "random", new String[0])));
    assertTrue(bad.getMessage().startsWith("power cuts: 'often'"), bad.getMessage());
    IllegalArgumentException point =
        assertThrows(IllegalArgumentException.class, () -> FaultPlans.cutPoint("1.5"));
    assertTrue(point.getMessage().contains("from 0 to 1, or random"), point.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new FaultPlanComponent(configuration(" ", "none", "random", new String[0])));
  }

  /** A supply that records what was done to it. */
  static final class Supply implements DevicePower {
    final String name;
    final List<String> log;
    boolean powered = true;

    Supply(String name, List<String> log) {
      this.name = name;
      this.log = log;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void cut() {
      powered = false;
      log.add("cut " + name);
    }

    @Override
    public void restore() {
      powered = true;
      log.add("restore " + name);
    }

    @Override
    public boolean isPowered() {
      return powered;
    }

    @Override
    public long powerLossCount() {
      return 0;
    }
  }

  @Test
  void aPlannedPowerCutCutsEverySupplyOnTheBoardThenRestoresThemAll() throws Exception {
    BoardPowerComponent board = new BoardPowerComponent();
    List<String> log = new CopyOnWriteArrayList<>();
    Supply chip = new Supply("flash0", log);
    Supply host = new Supply("spihost0", log);
    board.bindDevicePower(chip);
    board.bindDevicePower(host);
    FakeFaults faults = new FakeFaults("flash0", 1 << 20);
    board.bindDeviceFaults(faults);
    assertEquals(1, faults.listeners.size());
    FaultListener listener = faults.listeners.get(0);
    listener.injected(new FaultEvent("flash0", FaultKind.READ_FLIP, 3, 0, 4, "a flip"));
    listener.injected(new FaultEvent("flash0", FaultKind.POWER_CUT, 7, 0, 256, "inside"));
    for (int i = 0; i < 200 && board.cycles() == 0; i++) {
      Thread.sleep(10);
    }
    assertEquals(1, board.cycles(), "only the power cut cycles the board");
    List<String> order = new ArrayList<>(log);
    assertEquals(4, order.size(), order.toString());
    assertTrue(
        order.get(0).startsWith("cut ") && order.get(1).startsWith("cut "), order.toString());
    assertTrue(order.get(2).startsWith("restore ") && order.get(3).startsWith("restore "));
    assertTrue(chip.powered && host.powered);
    board.unbindDeviceFaults(faults);
    assertTrue(faults.listeners.isEmpty(), "the listener goes with the device");
    board.deactivate();
  }
}
