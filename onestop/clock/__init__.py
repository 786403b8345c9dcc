"""Office time: calendars, working hours, deadlines, reporting periods and the rule sets by date of receipt."""
