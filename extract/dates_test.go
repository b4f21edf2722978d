package extract

import "testing"

func TestDates(t *testing.T) {
	cases := []struct{ text, published, want string }{
		{"It was signed on May 4, 1994, in Brussels.", "", "1994-05-04"},
		{"Cooperation began in March 1992 through the council.", "", "1992-03"},
		{"They joined in 1997.", "", "1997"},
		{"BAKU, Azerbaijan, January 22. Talks were held.", "2025-03-01", "2025-01-22"},
		{"BAKU, Azerbaijan, January 22. Talks were held.", "", "--01-22"},
		{"The mission visited last November.", "2025-01-22", "2024-11"},
		{"The minister arrived on Tuesday.", "2025-01-22", "2025-01-21"},
		{"The minister arrived yesterday.", "2025-01-22", "2025-01-21"},
		{"Talks ended on 12 June 2019 in Oslo.", "", "2019-06-12"},
		{"Prices rose by 5 percent.", "", ""},
		{"He may resign.", "", ""},
	}
	for _, c := range cases {
		x := run(t, c.text, c.published)
		got := ""
		for _, e := range x.Entities {
			if e.Type == Date {
				got = e.Value
				break
			}
		}
		if got != c.want {
			t.Errorf("%q (published %q): date %q, want %q", c.text, c.published, got, c.want)
		}
	}
}
