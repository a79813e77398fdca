"""Display names of the jurisdictions that can record local usage (ids as in the term schema)."""

JURISDICTIONS = {
    "connecticut": "Connecticut",
    "iowa": "Iowa",
    "north-carolina": "North Carolina",
    "broward-county-fl": "Broward County, Florida",
    "colorado": "Colorado",
    "massachusetts": "Massachusetts",
    "king-county-wa": "King County, Washington",
}
