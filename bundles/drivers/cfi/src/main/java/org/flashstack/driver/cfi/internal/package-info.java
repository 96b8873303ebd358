/** CFI flash driver implementation: not exported. */
package org.flashstack.driver.cfi.internal;
