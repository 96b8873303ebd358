/** NOR media implementation: not exported. */
package org.flashstack.hw.media.internal;
