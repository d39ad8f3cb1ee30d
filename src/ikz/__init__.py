"""IKZ-Cockpit: steering and informing an inter-municipal cooperation."""
