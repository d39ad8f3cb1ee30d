"""Files on meetings, agenda items, projects and bodies (see docs/attachments.md)."""
