package org.flashstack.api.memprog;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A MemProgLib target running in this framework: a simulated MCU whose RAM holds MEMPROG_PARAM, the
 * BDTs and the buffers, and whose interfaces are each bound to a partition or a device. Registered
 * with {@link #NAME}; the {@code jvm} transport opens {@code jvm:<name>} through it.
 *
 * @since 1.1
 */
@ProviderType
public interface MemProgTarget {

  /** The service property with the target's name: {@code (memprog.target=default)}. */
  String NAME = "memprog.target";

  /**
   * @return the target's name
   */
  String name();

  /**
   * @return its RAM
   */
  TargetMemory memory();

  /**
   * @return the target address of its MEMPROG_PARAM
   */
  long paramAddress();

  /**
   * @return what each interface is bound to, by interface number: {@code "partition:staging"},
   *     {@code "device:flash1"}
   */
  List<String> interfaces();
}
