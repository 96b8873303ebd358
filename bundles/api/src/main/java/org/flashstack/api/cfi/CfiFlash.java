package org.flashstack.api.cfi;

import org.flashstack.api.flash.Flash;
import org.osgi.annotation.versioning.ProviderType;

/** A {@link Flash} driven through the CFI: it also tells what the device's query table says. */
@ProviderType
public interface CfiFlash extends Flash {

  /**
   * @return the query table as the driver read and decoded it when it probed the device
   */
  CfiQuery query();
}
