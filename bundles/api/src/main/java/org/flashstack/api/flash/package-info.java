/**
 * The flash API. Users call {@link org.flashstack.api.flash.Flash} (provided by the flash
 * virtualizer, one per device); drivers implement {@link org.flashstack.api.flash.FlashDriver} and
 * {@link org.flashstack.api.flash.FlashDevice}, which only the virtualizer calls. The split keeps
 * each side's evolution safe: methods added to {@code Flash} are a minor version for its callers;
 * the driver side grows by new optional interfaces.
 *
 * <p>Addresses are byte offsets from the start of the device. Errors are {@link
 * org.flashstack.api.flash.FlashException}s carrying one {@link
 * org.flashstack.api.flash.FlashError}.
 */
@Export
@Version("2.2.0")
package org.flashstack.api.flash;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
