/** The clock's DS component. */
package org.flashstack.clock.internal;
