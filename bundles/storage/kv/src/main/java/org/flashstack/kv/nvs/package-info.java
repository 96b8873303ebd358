/**
 * The ESP-IDF NVS on-flash format, version 2 (as ESP-IDF v5.x writes it), in plain Java: the page
 * and entry layout ({@link org.flashstack.kv.nvs.NvsFormat}), its CRC32 ({@link
 * org.flashstack.kv.nvs.NvsCrc32}), reading an image as ESP-IDF reads it ({@link
 * org.flashstack.kv.nvs.NvsImageReader}), and building one as {@code nvs_partition_gen.py generate}
 * does, from the same CSV ({@link org.flashstack.kv.nvs.NvsImageBuilder}, {@link
 * org.flashstack.kv.nvs.NvsCsv}). See {@code docs/kv.md}.
 */
@Export
@Version("1.0.0")
package org.flashstack.kv.nvs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
