/** The faults bundle's DS components. */
package org.flashstack.faults.internal;
