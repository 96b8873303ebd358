/**
 * Common Flash Interface (JESD68.01) specifics: the decoded query table a CFI driver read from its
 * device, for tools that show it ({@code cfi:query}).
 */
@Export
@Version("2.1.0")
package org.flashstack.api.cfi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
