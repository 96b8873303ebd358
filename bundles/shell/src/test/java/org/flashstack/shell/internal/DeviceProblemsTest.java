package org.flashstack.shell.internal;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class DeviceProblemsTest {

  @Test
  void theReasonIsTheInnermostCauseWithoutItsClassName() {
    String failure =
        "org.osgi.service.component.ComponentException: java.lang.reflect.InvocationTargetException\n"
            + "\tat org.apache.felix.scr.impl.inject.internal.ComponentConstructorImpl.newInstance(ComponentConstructorImpl.java:306)\n"
            + "Caused by: java.lang.reflect.InvocationTargetException\n"
            + "\tat java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance0(Native Method)\n"
            + "Caused by: java.lang.IllegalArgumentException: nor3: bankWidth = '2 # x' is not a whole number\n"
            + "\tat org.flashstack.api.device.DeviceConfigurations.check(DeviceConfigurations.java:40)\n";
    assertEquals("nor3: bankWidth = '2 # x' is not a whole number", DeviceProblems.reason(failure));
    assertEquals(
        "nor4: flash image /x does not exist",
        DeviceProblems.reason(
            "java.io.IOException: nor4: flash image /x does not exist\n\tat a.b(C.java:1)"));
    assertEquals("activation failed (see log:display)", DeviceProblems.reason(null));
  }
}
