/** The update bundle's DS component. */
package org.flashstack.update.internal;
