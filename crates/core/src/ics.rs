//! iCalendar (.ics) export and import (being built).
