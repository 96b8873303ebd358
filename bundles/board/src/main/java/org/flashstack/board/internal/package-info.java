/** The board presets' DS component. */
package org.flashstack.board.internal;
