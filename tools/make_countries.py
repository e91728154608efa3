"""Generate src/eventwire/data/actors/countries.json.

One-off generator: ISO 3166-1 codes and official names come from ``pycountry``
(install it in a scratch venv; it is not a runtime dependency), everything a
news reader needs (short names, demonyms, capital metonyms, PLOVER folding of
dependencies) is in the hand-written table below.  The JSON in the repository
is the product and may be hand-edited afterwards; re-running overwrites it.

    python -m venv /tmp/scratch && /tmp/scratch/bin/pip install pycountry
    /tmp/scratch/bin/python tools/make_countries.py

PLOVER folds dependencies into their controlling state (manual, "Country
names"): such entries keep their ISO code and carry ``"parent"`` with the code
to report.  Antarctica, Hong Kong and Palestine stay separate; Kosovo is added
as ``KOS``; Western Sahara is folded into Morocco (a partially recognized
entity: the sector PRE is added by institutions.json entries).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src/eventwire/data/actors/countries.json"

# ISO names that must not be used as names (ambiguous, or common lowercase words).
DROP_NAMES = {
    "COG": {"Congo"},          # "Congo" in the news is the DRC
    "JEY": {"Jersey"},         # New Jersey, a jersey
    "TWN": {"Taiwan, Province of China"},
    "UMI": {"United States Minor Outlying Islands"},
    "SGS": set(),
}

# code: (extra names, demonyms, capitals, parent)
# One country per line so the table reads, sorts and diffs by code; wrapping rows would
# triple its length for no gain. Only E501 is waived, and only this table is that long.
# ruff: noqa: E501
T: dict[str, tuple[list[str], list[str], list[str], str | None]] = {
    "ABW": (["Aruba"], ["Aruban", "Arubans"], ["Oranjestad"], "NLD"),
    "AFG": (["Afghanistan", "Islamic Republic of Afghanistan", "Islamic Emirate of Afghanistan"], ["Afghan", "Afghans", "Afghani"], ["Kabul"], None),
    "AGO": (["Angola", "Republic of Angola"], ["Angolan", "Angolans"], ["Luanda"], None),
    "AIA": (["Anguilla"], ["Anguillan", "Anguillans"], [], "GBR"),
    "ALA": (["Aland Islands", "Åland"], [], [], "FIN"),
    "ALB": (["Albania"], ["Albanian", "Albanians"], ["Tirana"], None),
    "AND": (["Andorra"], ["Andorran", "Andorrans"], ["Andorra la Vella"], None),
    "ARE": (["UAE", "U.A.E.", "the Emirates", "United Arab Emirates"], ["Emirati", "Emiratis"], ["Abu Dhabi"], None),
    "ARG": (["Argentina", "Argentine Republic"], ["Argentine", "Argentinian", "Argentines", "Argentinians"], ["Buenos Aires"], None),
    "ARM": (["Armenia"], ["Armenian", "Armenians"], ["Yerevan"], None),
    "ASM": (["American Samoa"], ["American Samoan", "American Samoans"], ["Pago Pago"], "USA"),
    "ATA": (["Antarctica"], ["Antarctic"], [], None),
    "ATF": (["French Southern and Antarctic Lands"], [], [], "FRA"),
    "ATG": (["Antigua", "Antigua and Barbuda"], ["Antiguan", "Antiguans"], ["St. John's"], None),
    "AUS": (["Australia", "Commonwealth of Australia"], ["Australian", "Australians", "Aussie", "Aussies"], ["Canberra"], None),
    "AUT": (["Austria", "Republic of Austria"], ["Austrian", "Austrians"], ["Vienna"], None),
    "AZE": (["Azerbaijan", "Republic of Azerbaijan"], ["Azerbaijani", "Azerbaijanis", "Azeri", "Azeris"], ["Baku"], None),
    "BDI": (["Burundi"], ["Burundian", "Burundians"], ["Gitega", "Bujumbura"], None),
    "BEL": (["Belgium", "Kingdom of Belgium"], ["Belgian", "Belgians"], ["Brussels"], None),
    "BEN": (["Benin"], ["Beninese", "Beninois"], ["Porto-Novo", "Cotonou"], None),
    "BES": (["Bonaire", "Sint Eustatius", "Saba", "Caribbean Netherlands"], [], [], "NLD"),
    "BFA": (["Burkina Faso", "Burkina"], ["Burkinabe", "Burkinabè", "Burkinabes"], ["Ouagadougou"], None),
    "BGD": (["Bangladesh"], ["Bangladeshi", "Bangladeshis"], ["Dhaka"], None),
    "BGR": (["Bulgaria"], ["Bulgarian", "Bulgarians"], ["Sofia"], None),
    "BHR": (["Bahrain", "Kingdom of Bahrain"], ["Bahraini", "Bahrainis"], ["Manama"], None),
    "BHS": (["the Bahamas", "Bahamas"], ["Bahamian", "Bahamians"], ["Nassau"], None),
    "BIH": (["Bosnia", "Bosnia and Herzegovina", "Bosnia-Herzegovina", "Republika Srpska"], ["Bosnian", "Bosnians"], ["Sarajevo"], None),
    "BLM": (["Saint Barthelemy", "St. Barts"], [], [], "FRA"),
    "BLR": (["Belarus", "Republic of Belarus"], ["Belarusian", "Belarusians", "Belarussian"], ["Minsk"], None),
    "BLZ": (["Belize"], ["Belizean", "Belizeans"], ["Belmopan"], None),
    "BMU": (["Bermuda"], ["Bermudian", "Bermudians"], ["Hamilton, Bermuda"], "GBR"),
    "BOL": (["Bolivia", "Plurinational State of Bolivia"], ["Bolivian", "Bolivians"], ["La Paz", "Sucre"], None),
    "BRA": (["Brazil", "Federative Republic of Brazil"], ["Brazilian", "Brazilians"], ["Brasilia", "Brasília"], None),
    "BRB": (["Barbados"], ["Barbadian", "Barbadians", "Bajan", "Bajans"], ["Bridgetown"], None),
    "BRN": (["Brunei", "Brunei Darussalam"], ["Bruneian", "Bruneians"], ["Bandar Seri Begawan"], None),
    "BTN": (["Bhutan"], ["Bhutanese"], ["Thimphu"], None),
    "BVT": (["Bouvet Island"], [], [], "NOR"),
    "BWA": (["Botswana"], ["Botswanan", "Motswana", "Batswana"], ["Gaborone"], None),
    "CAF": (["Central African Republic", "CAR", "C.A.R."], ["Central African", "Central Africans"], ["Bangui"], None),
    "CAN": (["Canada"], ["Canadian", "Canadians"], ["Ottawa"], None),
    "CCK": (["Cocos Islands", "Keeling Islands"], [], [], "AUS"),
    "CHE": (["Switzerland", "Swiss Confederation"], ["Swiss"], ["Bern", "Berne"], None),
    "CHL": (["Chile", "Republic of Chile"], ["Chilean", "Chileans"], ["Santiago"], None),
    "CHN": (["China", "People's Republic of China", "PRC", "P.R.C.", "mainland China", "Red China"], ["Chinese"], ["Beijing", "Peking"], None),
    "CIV": (["Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire", "Republic of Cote d'Ivoire"], ["Ivorian", "Ivorians", "Ivoirian", "Ivoirians"], ["Yamoussoukro", "Abidjan"], None),
    "CMR": (["Cameroon", "Republic of Cameroon"], ["Cameroonian", "Cameroonians"], ["Yaounde", "Yaoundé"], None),
    "COD": (["Congo", "DR Congo", "D.R. Congo", "DRC", "D.R.C.", "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo-Kinshasa", "Zaire"], ["Congolese"], ["Kinshasa"], None),
    "COG": (["Republic of Congo", "Republic of the Congo", "Congo-Brazzaville", "Congo Republic"], [], ["Brazzaville"], None),
    "COK": (["Cook Islands"], ["Cook Islander", "Cook Islanders"], ["Avarua"], "NZL"),
    "COL": (["Colombia", "Republic of Colombia"], ["Colombian", "Colombians"], ["Bogota", "Bogotá"], None),
    "COM": (["Comoros", "the Comoros", "Union of the Comoros"], ["Comoran", "Comorian", "Comorans", "Comorians"], ["Moroni"], None),
    "CPV": (["Cape Verde", "Cabo Verde"], ["Cape Verdean", "Cape Verdeans", "Cabo Verdean"], ["Praia"], None),
    "CRI": (["Costa Rica"], ["Costa Rican", "Costa Ricans"], ["San José"], None),
    "CUB": (["Cuba", "Republic of Cuba"], ["Cuban", "Cubans"], ["Havana"], None),
    "CUW": (["Curacao", "Curaçao"], ["Curacaoan"], ["Willemstad"], "NLD"),
    "CXR": (["Christmas Island"], [], [], "AUS"),
    "CYM": (["Cayman Islands", "the Caymans"], ["Caymanian", "Caymanians"], ["George Town"], "GBR"),
    "CYP": (["Cyprus", "Republic of Cyprus"], ["Cypriot", "Cypriots", "Greek Cypriot", "Greek Cypriots"], ["Nicosia"], None),
    "CZE": (["Czech Republic", "Czechia"], ["Czech", "Czechs"], ["Prague"], None),
    "DEU": (["Germany", "Federal Republic of Germany"], ["German", "Germans"], ["Berlin"], None),
    "DJI": (["Djibouti"], ["Djiboutian", "Djiboutians"], [], None),
    "DMA": (["Dominica", "Commonwealth of Dominica"], [], ["Roseau"], None),
    "DNK": (["Denmark", "Kingdom of Denmark"], ["Danish", "Dane", "Danes"], ["Copenhagen"], None),
    "DOM": (["Dominican Republic"], ["Dominican", "Dominicans"], ["Santo Domingo"], None),
    "DZA": (["Algeria", "People's Democratic Republic of Algeria"], ["Algerian", "Algerians"], ["Algiers"], None),
    "ECU": (["Ecuador", "Republic of Ecuador"], ["Ecuadorian", "Ecuadorean", "Ecuadorians", "Ecuadoreans"], ["Quito"], None),
    "EGY": (["Egypt", "Arab Republic of Egypt"], ["Egyptian", "Egyptians"], ["Cairo"], None),
    "ERI": (["Eritrea", "State of Eritrea"], ["Eritrean", "Eritreans"], ["Asmara"], None),
    "ESH": (["Western Sahara"], ["Sahrawi", "Sahrawis", "Saharawi", "Saharawis"], ["Laayoune", "El Aaiun"], "MAR"),
    "ESP": (["Spain", "Kingdom of Spain"], ["Spanish", "Spaniard", "Spaniards"], ["Madrid"], None),
    "EST": (["Estonia", "Republic of Estonia"], ["Estonian", "Estonians"], ["Tallinn"], None),
    "ETH": (["Ethiopia", "Federal Democratic Republic of Ethiopia"], ["Ethiopian", "Ethiopians"], ["Addis Ababa"], None),
    "FIN": (["Finland", "Republic of Finland"], ["Finnish", "Finn", "Finns"], ["Helsinki"], None),
    "FJI": (["Fiji", "Republic of Fiji"], ["Fijian", "Fijians"], ["Suva"], None),
    "FLK": (["Falkland Islands", "Falklands", "Malvinas", "Islas Malvinas"], ["Falkland Islander", "Falkland Islanders"], [], "GBR"),
    "FRA": (["France", "French Republic"], ["French", "Frenchman", "Frenchmen", "Frenchwoman"], ["Paris"], None),
    "FRO": (["Faroe Islands", "Faroes", "Faeroe Islands"], ["Faroese"], ["Torshavn", "Tórshavn"], "DNK"),
    "FSM": (["Micronesia", "Federated States of Micronesia"], ["Micronesian", "Micronesians"], ["Palikir"], None),
    "GAB": (["Gabon", "Gabonese Republic"], ["Gabonese"], ["Libreville"], None),
    "GBR": (["United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland", "England", "Scotland", "Wales", "Northern Ireland"], ["British", "Briton", "Britons", "Brit", "Brits", "English", "Englishman", "Scottish", "Scot", "Scots", "Welsh"], ["London"], None),
    "GEO": (["Georgia", "Republic of Georgia"], ["Georgian", "Georgians"], ["Tbilisi"], None),
    "GGY": (["Guernsey", "Bailiwick of Guernsey"], [], ["St Peter Port"], "GBR"),
    "GHA": (["Ghana", "Republic of Ghana"], ["Ghanaian", "Ghanaians"], ["Accra"], None),
    "GIB": (["Gibraltar"], ["Gibraltarian", "Gibraltarians"], [], "GBR"),
    "GIN": (["Guinea", "Republic of Guinea", "Guinea-Conakry"], ["Guinean", "Guineans"], ["Conakry"], None),
    "GLP": (["Guadeloupe"], ["Guadeloupean", "Guadeloupeans"], ["Basse-Terre"], "FRA"),
    "GMB": (["Gambia", "The Gambia", "the Gambia"], ["Gambian", "Gambians"], ["Banjul"], None),
    "GNB": (["Guinea-Bissau", "Guinea Bissau"], ["Bissau-Guinean", "Bissau-Guineans"], ["Bissau"], None),
    "GNQ": (["Equatorial Guinea"], ["Equatorial Guinean", "Equatoguinean", "Equatorial Guineans"], ["Malabo"], None),
    "GRC": (["Greece", "Hellenic Republic"], ["Greek", "Greeks"], ["Athens"], None),
    "GRD": (["Grenada"], ["Grenadian", "Grenadians"], ["St. George's"], None),
    "GRL": (["Greenland"], ["Greenlandic", "Greenlander", "Greenlanders"], ["Nuuk"], "DNK"),
    "GTM": (["Guatemala", "Republic of Guatemala"], ["Guatemalan", "Guatemalans"], ["Guatemala City"], None),
    "GUF": (["French Guiana"], ["French Guianese"], ["Cayenne"], "FRA"),
    "GUM": (["Guam"], ["Guamanian", "Guamanians"], ["Hagatna", "Hagåtña"], "USA"),
    "GUY": (["Guyana", "Co-operative Republic of Guyana"], ["Guyanese"], ["Georgetown"], None),
    "HKG": (["Hong Kong", "Hong Kong SAR", "HKSAR", "Hongkong"], ["Hong Konger", "Hong Kongers", "Hongkonger", "Hongkongers"], [], None),
    "HMD": (["Heard Island", "McDonald Islands"], [], [], "AUS"),
    "HND": (["Honduras", "Republic of Honduras"], ["Honduran", "Hondurans"], ["Tegucigalpa"], None),
    "HRV": (["Croatia", "Republic of Croatia"], ["Croatian", "Croatians", "Croat", "Croats"], ["Zagreb"], None),
    "HTI": (["Haiti", "Republic of Haiti"], ["Haitian", "Haitians"], ["Port-au-Prince"], None),
    "HUN": (["Hungary"], ["Hungarian", "Hungarians"], ["Budapest"], None),
    "IDN": (["Indonesia", "Republic of Indonesia"], ["Indonesian", "Indonesians"], ["Jakarta"], None),
    "IMN": (["Isle of Man"], ["Manx"], ["Douglas, Isle of Man"], "GBR"),
    "IND": (["India", "Republic of India", "Bharat"], ["Indian", "Indians"], ["New Delhi", "Delhi"], None),
    "IOT": (["British Indian Ocean Territory", "Chagos Islands", "Chagos Archipelago", "Diego Garcia"], ["Chagossian", "Chagossians"], [], "GBR"),
    "IRL": (["Ireland", "Republic of Ireland", "Eire"], ["Irish", "Irishman", "Irishmen"], ["Dublin"], None),
    "IRN": (["Iran", "Islamic Republic of Iran", "Persia"], ["Iranian", "Iranians"], ["Tehran", "Teheran"], None),
    "IRQ": (["Iraq", "Republic of Iraq", "Iraqi Kurdistan"], ["Iraqi", "Iraqis"], ["Baghdad"], None),
    "ISL": (["Iceland"], ["Icelandic", "Icelander", "Icelanders"], ["Reykjavik", "Reykjavík"], None),
    "ISR": (["Israel", "State of Israel"], ["Israeli", "Israelis"], ["Jerusalem", "Tel Aviv"], None),
    "ITA": (["Italy", "Italian Republic"], ["Italian", "Italians"], ["Rome"], None),
    "JAM": (["Jamaica"], ["Jamaican", "Jamaicans"], ["Kingston"], None),
    "JEY": (["Bailiwick of Jersey"], [], ["St Helier"], "GBR"),
    "JOR": (["Jordan", "Hashemite Kingdom of Jordan"], ["Jordanian", "Jordanians"], ["Amman"], None),
    "JPN": (["Japan"], ["Japanese"], ["Tokyo"], None),
    "KAZ": (["Kazakhstan", "Republic of Kazakhstan"], ["Kazakh", "Kazakhs", "Kazakhstani", "Kazakhstanis"], ["Astana", "Nur-Sultan"], None),
    "KEN": (["Kenya", "Republic of Kenya"], ["Kenyan", "Kenyans"], ["Nairobi"], None),
    "KGZ": (["Kyrgyzstan", "Kyrgyz Republic", "Kirghizia"], ["Kyrgyz", "Kyrgyzstani", "Kirgiz"], ["Bishkek"], None),
    "KHM": (["Cambodia", "Kingdom of Cambodia"], ["Cambodian", "Cambodians", "Khmer"], ["Phnom Penh"], None),
    "KIR": (["Kiribati"], ["I-Kiribati"], ["Tarawa", "South Tarawa"], None),
    "KNA": (["Saint Kitts and Nevis", "St. Kitts and Nevis", "St Kitts and Nevis"], ["Kittitian", "Kittitians", "Nevisian"], ["Basseterre"], None),
    "KOR": (["South Korea", "Republic of Korea", "S. Korea", "ROK", "R.O.K."], ["South Korean", "South Koreans"], ["Seoul"], None),
    "KOS": (["Kosovo", "Republic of Kosovo"], ["Kosovar", "Kosovars", "Kosovan", "Kosovo Albanian", "Kosovo Albanians"], ["Pristina", "Prishtina"], None),
    "KWT": (["Kuwait", "State of Kuwait"], ["Kuwaiti", "Kuwaitis"], ["Kuwait City"], None),
    "LAO": (["Laos", "Lao PDR"], ["Laotian", "Laotians", "Lao"], ["Vientiane"], None),
    "LBN": (["Lebanon", "Lebanese Republic"], ["Lebanese"], ["Beirut"], None),
    "LBR": (["Liberia", "Republic of Liberia"], ["Liberian", "Liberians"], ["Monrovia"], None),
    "LBY": (["Libya", "State of Libya"], ["Libyan", "Libyans"], ["Tripoli"], None),
    "LCA": (["Saint Lucia", "St. Lucia", "St Lucia"], ["Saint Lucian", "Saint Lucians", "St. Lucian"], ["Castries"], None),
    "LIE": (["Liechtenstein"], ["Liechtensteiner", "Liechtensteiners"], ["Vaduz"], None),
    "LKA": (["Sri Lanka", "Ceylon"], ["Sri Lankan", "Sri Lankans"], ["Colombo", "Sri Jayawardenepura Kotte"], None),
    "LSO": (["Lesotho"], ["Basotho", "Mosotho"], ["Maseru"], None),
    "LTU": (["Lithuania", "Republic of Lithuania"], ["Lithuanian", "Lithuanians"], ["Vilnius"], None),
    "LUX": (["Luxembourg", "Grand Duchy of Luxembourg"], ["Luxembourgish", "Luxembourger", "Luxembourgers"], [], None),
    "LVA": (["Latvia", "Republic of Latvia"], ["Latvian", "Latvians"], ["Riga"], None),
    "MAC": (["Macau", "Macao", "Macao SAR"], ["Macanese"], [], "CHN"),
    "MAF": (["Saint Martin", "Saint-Martin"], [], ["Marigot"], "FRA"),
    "MAR": (["Morocco", "Kingdom of Morocco"], ["Moroccan", "Moroccans"], ["Rabat"], None),
    "MCO": (["Monaco", "Principality of Monaco"], ["Monegasque", "Monegasques", "Monacan"], [], None),
    "MDA": (["Moldova", "Republic of Moldova", "Moldavia"], ["Moldovan", "Moldovans"], ["Chisinau", "Chișinău"], None),
    "MDG": (["Madagascar", "Republic of Madagascar"], ["Malagasy", "Madagascan"], ["Antananarivo"], None),
    "MDV": (["Maldives", "the Maldives", "Republic of Maldives"], ["Maldivian", "Maldivians"], ["Malé"], None),
    "MEX": (["Mexico", "United Mexican States"], ["Mexican", "Mexicans"], ["Mexico City"], None),
    "MHL": (["Marshall Islands", "Republic of the Marshall Islands"], ["Marshallese"], ["Majuro"], None),
    "MKD": (["North Macedonia", "Macedonia", "Republic of North Macedonia", "FYROM"], ["Macedonian", "Macedonians", "North Macedonian", "North Macedonians"], ["Skopje"], None),
    "MLI": (["Mali", "Republic of Mali"], ["Malian", "Malians"], ["Bamako"], None),
    "MLT": (["Malta", "Republic of Malta"], ["Maltese"], ["Valletta"], None),
    "MMR": (["Myanmar", "Burma", "Republic of the Union of Myanmar"], ["Burmese", "Myanmarese"], ["Naypyidaw", "Naypyitaw", "Nay Pyi Taw"], None),
    "MNE": (["Montenegro"], ["Montenegrin", "Montenegrins"], ["Podgorica"], None),
    "MNG": (["Mongolia"], ["Mongolian", "Mongolians"], ["Ulaanbaatar", "Ulan Bator"], None),
    "MNP": (["Northern Mariana Islands", "Northern Marianas", "Saipan"], [], [], "USA"),
    "MOZ": (["Mozambique", "Republic of Mozambique"], ["Mozambican", "Mozambicans"], ["Maputo"], None),
    "MRT": (["Mauritania", "Islamic Republic of Mauritania"], ["Mauritanian", "Mauritanians"], ["Nouakchott"], None),
    "MSR": (["Montserrat"], ["Montserratian"], ["Plymouth, Montserrat", "Brades"], "GBR"),
    "MTQ": (["Martinique"], ["Martinican", "Martiniquais"], ["Fort-de-France"], "FRA"),
    "MUS": (["Mauritius", "Republic of Mauritius"], ["Mauritian", "Mauritians"], ["Port Louis"], None),
    "MWI": (["Malawi", "Republic of Malawi"], ["Malawian", "Malawians"], ["Lilongwe"], None),
    "MYS": (["Malaysia"], ["Malaysian", "Malaysians"], ["Kuala Lumpur", "Putrajaya"], None),
    "MYT": (["Mayotte"], ["Mahoran", "Mahorais"], ["Mamoudzou"], "FRA"),
    "NAM": (["Namibia", "Republic of Namibia"], ["Namibian", "Namibians"], ["Windhoek"], None),
    "NCL": (["New Caledonia"], ["New Caledonian", "New Caledonians", "Kanak", "Kanaks"], ["Noumea", "Nouméa"], "FRA"),
    "NER": (["Niger", "Republic of the Niger", "Republic of Niger"], ["Nigerien", "Nigeriens"], ["Niamey"], None),
    "NFK": (["Norfolk Island"], [], ["Kingston, Norfolk Island"], "AUS"),
    "NGA": (["Nigeria", "Federal Republic of Nigeria"], ["Nigerian", "Nigerians"], ["Abuja"], None),
    "NIC": (["Nicaragua", "Republic of Nicaragua"], ["Nicaraguan", "Nicaraguans"], ["Managua"], None),
    "NIU": (["Niue"], ["Niuean", "Niueans"], ["Alofi"], "NZL"),
    "NLD": (["Netherlands", "the Netherlands", "Kingdom of the Netherlands", "Holland"], ["Dutch", "Dutchman", "Dutchmen"], ["The Hague", "Amsterdam"], None),
    "NOR": (["Norway", "Kingdom of Norway"], ["Norwegian", "Norwegians"], ["Oslo"], None),
    "NPL": (["Nepal"], ["Nepali", "Nepalese", "Nepalis"], ["Kathmandu"], None),
    "NRU": (["Nauru", "Republic of Nauru"], ["Nauruan", "Nauruans"], ["Yaren"], None),
    "NZL": (["New Zealand", "Aotearoa"], ["New Zealander", "New Zealanders", "Kiwi", "Kiwis"], ["Wellington"], None),
    "OMN": (["Oman", "Sultanate of Oman"], ["Omani", "Omanis"], ["Muscat"], None),
    "PAK": (["Pakistan", "Islamic Republic of Pakistan"], ["Pakistani", "Pakistanis"], ["Islamabad"], None),
    "PAN": (["Panama", "Republic of Panama"], ["Panamanian", "Panamanians"], ["Panama City"], None),
    "PCN": (["Pitcairn Islands", "Pitcairn"], ["Pitcairn Islander", "Pitcairn Islanders"], ["Adamstown"], "GBR"),
    "PER": (["Peru", "Republic of Peru"], ["Peruvian", "Peruvians"], ["Lima"], None),
    "PHL": (["Philippines", "the Philippines", "Republic of the Philippines"], ["Filipino", "Filipinos", "Filipina", "Filipinas", "Philippine"], ["Manila"], None),
    "PLW": (["Palau", "Republic of Palau"], ["Palauan", "Palauans"], ["Ngerulmud"], None),
    "PNG": (["Papua New Guinea", "PNG"], ["Papua New Guinean", "Papua New Guineans"], ["Port Moresby"], None),
    "POL": (["Poland", "Republic of Poland"], ["Polish", "Pole", "Poles"], ["Warsaw"], None),
    "PRI": (["Puerto Rico"], ["Puerto Rican", "Puerto Ricans"], ["San Juan"], "USA"),
    "PRK": (["North Korea", "Democratic People's Republic of Korea", "DPRK", "D.P.R.K.", "N. Korea"], ["North Korean", "North Koreans"], ["Pyongyang"], None),
    "PRT": (["Portugal", "Portuguese Republic"], ["Portuguese"], ["Lisbon"], None),
    "PRY": (["Paraguay", "Republic of Paraguay"], ["Paraguayan", "Paraguayans"], ["Asuncion", "Asunción"], None),
    "PSE": (["Palestine", "State of Palestine", "Palestinian territories", "Palestinian Territories", "occupied Palestinian territories", "Occupied Palestinian Territories", "West Bank", "Gaza", "Gaza Strip", "East Jerusalem"], ["Palestinian", "Palestinians", "Gazan", "Gazans"], ["Ramallah"], None),
    "PYF": (["French Polynesia", "Tahiti"], ["Tahitian", "Tahitians", "French Polynesian"], ["Papeete"], "FRA"),
    "QAT": (["Qatar", "State of Qatar"], ["Qatari", "Qataris"], ["Doha"], None),
    "REU": (["Reunion", "Réunion", "La Reunion"], ["Reunionese"], ["Saint-Denis, Reunion"], "FRA"),
    "ROU": (["Romania"], ["Romanian", "Romanians"], ["Bucharest"], None),
    "RUS": (["Russia", "Russian Federation"], ["Russian", "Russians"], ["Moscow"], None),
    "RWA": (["Rwanda", "Republic of Rwanda"], ["Rwandan", "Rwandans", "Rwandese"], ["Kigali"], None),
    "SAU": (["Saudi Arabia", "Kingdom of Saudi Arabia", "KSA"], ["Saudi", "Saudis", "Saudi Arabian", "Saudi Arabians"], ["Riyadh"], None),
    "SDN": (["Sudan", "the Sudan", "Republic of the Sudan", "Republic of Sudan"], ["Sudanese"], ["Khartoum", "Port Sudan"], None),
    "SEN": (["Senegal", "Republic of Senegal"], ["Senegalese"], ["Dakar"], None),
    "SGP": (["Singapore", "Republic of Singapore"], ["Singaporean", "Singaporeans"], [], None),
    "SGS": (["South Georgia", "South Sandwich Islands"], [], [], "GBR"),
    "SHN": (["Saint Helena", "St Helena", "Ascension Island", "Tristan da Cunha"], ["Saint Helenian"], ["Jamestown, Saint Helena"], "GBR"),
    "SJM": (["Svalbard", "Jan Mayen"], [], ["Longyearbyen"], "NOR"),
    "SLB": (["Solomon Islands", "the Solomons"], ["Solomon Islander", "Solomon Islanders"], ["Honiara"], None),
    "SLE": (["Sierra Leone", "Republic of Sierra Leone"], ["Sierra Leonean", "Sierra Leoneans"], ["Freetown"], None),
    "SLV": (["El Salvador", "Republic of El Salvador"], ["Salvadoran", "Salvadorans", "Salvadorean", "Salvadoreans"], ["San Salvador"], None),
    "SMR": (["San Marino"], ["Sammarinese"], [], None),
    "SOM": (["Somalia", "Federal Republic of Somalia", "Puntland"], ["Somali", "Somalis"], ["Mogadishu"], None),
    "SPM": (["Saint Pierre and Miquelon"], [], ["Saint-Pierre"], "FRA"),
    "SRB": (["Serbia", "Republic of Serbia"], ["Serbian", "Serbians", "Serb", "Serbs"], ["Belgrade"], None),
    "SSD": (["South Sudan", "Republic of South Sudan"], ["South Sudanese"], ["Juba"], None),
    "STP": (["Sao Tome and Principe", "São Tomé and Príncipe", "Sao Tome"], ["Santomean", "Sao Tomean"], [], None),
    "SUR": (["Suriname", "Surinam", "Republic of Suriname"], ["Surinamese", "Surinamer", "Surinamers"], ["Paramaribo"], None),
    "SVK": (["Slovakia", "Slovak Republic"], ["Slovak", "Slovaks", "Slovakian"], ["Bratislava"], None),
    "SVN": (["Slovenia", "Republic of Slovenia"], ["Slovenian", "Slovenians", "Slovene", "Slovenes"], ["Ljubljana"], None),
    "SWE": (["Sweden", "Kingdom of Sweden"], ["Swedish", "Swede", "Swedes"], ["Stockholm"], None),
    "SWZ": (["Eswatini", "Swaziland", "Kingdom of Eswatini"], ["Swazi", "Swazis", "Emaswati", "Liswati"], ["Mbabane", "Lobamba"], None),
    "SXM": (["Sint Maarten"], [], ["Philipsburg"], "NLD"),
    "SYC": (["Seychelles", "the Seychelles", "Republic of Seychelles"], ["Seychellois"], [], None),
    "SYR": (["Syria", "Syrian Arab Republic"], ["Syrian", "Syrians"], ["Damascus"], None),
    "TCA": (["Turks and Caicos Islands", "Turks and Caicos"], [], ["Cockburn Town"], "GBR"),
    "TCD": (["Chad", "Republic of Chad"], ["Chadian", "Chadians"], ["N'Djamena", "Ndjamena"], None),
    "TGO": (["Togo", "Togolese Republic"], ["Togolese"], ["Lome", "Lomé"], None),
    "THA": (["Thailand", "Kingdom of Thailand", "Siam"], ["Thai", "Thais"], ["Bangkok"], None),
    "TJK": (["Tajikistan", "Republic of Tajikistan"], ["Tajik", "Tajiks", "Tajikistani"], ["Dushanbe"], None),
    "TKL": (["Tokelau"], ["Tokelauan"], [], "NZL"),
    "TKM": (["Turkmenistan"], ["Turkmen", "Turkmens"], ["Ashgabat", "Ashkhabad"], None),
    "TLS": (["East Timor", "Timor-Leste", "Timor Leste"], ["East Timorese", "Timorese"], ["Dili"], None),
    "TON": (["Tonga", "Kingdom of Tonga"], ["Tongan", "Tongans"], ["Nuku'alofa"], None),
    "TTO": (["Trinidad and Tobago", "Trinidad"], ["Trinidadian", "Trinidadians", "Tobagonian"], ["Port of Spain", "Port-of-Spain"], None),
    "TUN": (["Tunisia", "Republic of Tunisia"], ["Tunisian", "Tunisians"], ["Tunis"], None),
    "TUR": (["Turkey", "Turkiye", "Türkiye", "Republic of Turkey", "Republic of Türkiye"], ["Turkish", "Turk", "Turks"], ["Ankara"], None),
    "TUV": (["Tuvalu"], ["Tuvaluan", "Tuvaluans"], ["Funafuti"], None),
    "TWN": (["Taiwan", "Republic of China", "ROC", "Formosa", "Chinese Taipei"], ["Taiwanese"], ["Taipei"], None),
    "TZA": (["Tanzania", "United Republic of Tanzania", "Zanzibar"], ["Tanzanian", "Tanzanians", "Zanzibari"], ["Dodoma", "Dar es Salaam"], None),
    "UGA": (["Uganda", "Republic of Uganda"], ["Ugandan", "Ugandans"], ["Kampala"], None),
    "UKR": (["Ukraine", "the Ukraine"], ["Ukrainian", "Ukrainians"], ["Kyiv", "Kiev"], None),
    "UMI": (["Wake Island", "Midway Atoll", "Johnston Atoll"], [], [], "USA"),
    "URY": (["Uruguay", "Oriental Republic of Uruguay"], ["Uruguayan", "Uruguayans"], ["Montevideo"], None),
    "USA": (["United States", "United States of America", "U.S.", "US", "USA", "U.S.A.", "America"], ["American", "Americans"], ["Washington", "Washington, D.C.", "Washington DC"], None),
    "UZB": (["Uzbekistan", "Republic of Uzbekistan"], ["Uzbek", "Uzbeks", "Uzbekistani"], ["Tashkent"], None),
    "VAT": (["Vatican", "Holy See", "Vatican City"], [], [], None),
    "VCT": (["Saint Vincent and the Grenadines", "St. Vincent and the Grenadines", "St Vincent"], ["Vincentian", "Vincentians"], ["Kingstown"], None),
    "VEN": (["Venezuela", "Bolivarian Republic of Venezuela"], ["Venezuelan", "Venezuelans"], ["Caracas"], None),
    "VGB": (["British Virgin Islands", "BVI"], [], ["Road Town"], "GBR"),
    "VIR": (["U.S. Virgin Islands", "US Virgin Islands", "United States Virgin Islands"], [], ["Charlotte Amalie"], "USA"),
    "VNM": (["Vietnam", "Viet Nam", "Socialist Republic of Vietnam"], ["Vietnamese"], ["Hanoi"], None),
    "VUT": (["Vanuatu", "Republic of Vanuatu"], ["Ni-Vanuatu"], ["Port Vila"], None),
    "WLF": (["Wallis and Futuna"], [], ["Mata-Utu"], "FRA"),
    "WSM": (["Samoa", "Independent State of Samoa"], ["Samoan", "Samoans"], ["Apia"], None),
    "YEM": (["Yemen", "Republic of Yemen"], ["Yemeni", "Yemenis"], ["Sanaa", "Sana'a", "Aden"], None),
    "ZAF": (["South Africa", "Republic of South Africa", "RSA"], ["South African", "South Africans"], ["Pretoria", "Cape Town"], None),
    "ZMB": (["Zambia", "Republic of Zambia"], ["Zambian", "Zambians"], ["Lusaka"], None),
    "ZWE": (["Zimbabwe", "Republic of Zimbabwe"], ["Zimbabwean", "Zimbabweans"], ["Harare"], None),
}


def _clean(name: str) -> str | None:
    if "," in name or "(" in name:
        return None
    return name


def main() -> int:
    iso = {c.alpha_3: c for c in pycountry.countries}
    missing = sorted(set(iso) - set(T))
    extra = sorted(set(T) - set(iso) - {"KOS"})
    if missing or extra:
        print("table mismatch: missing", missing, "extra", extra, file=sys.stderr)
        return 1
    rows = []
    for code in sorted(T):
        names, demonyms, capitals, parent = T[code]
        all_names: list[str] = list(names)
        if code in iso:
            c = iso[code]
            for attr in ("name", "common_name", "official_name"):
                n = getattr(c, attr, None)
                n = _clean(n) if n else None
                if n and n not in all_names and n not in DROP_NAMES.get(code, set()):
                    all_names.append(n)
        # demonyms must not repeat names (e.g. "Congo-Brazzaville")
        dem = [d for d in demonyms if d not in all_names and not d.endswith("'s")]
        row = {"code": code, "names": all_names, "demonyms": dem, "capitals": list(capitals)}
        if parent:
            row["parent"] = parent
        rows.append(row)
    doc = {
        "schema": "eventwire.countries/1",
        "source": "ISO 3166-1 (via pycountry) plus hand-written news names, demonyms and capitals; "
        "PLOVER folds dependencies into 'parent'; KOS = Kosovo (PLOVER special)",
        "countries": rows,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write('{\n  "schema": ' + json.dumps(doc["schema"]) + ",\n")
        fh.write('  "source": ' + json.dumps(doc["source"], ensure_ascii=False) + ",\n")
        fh.write('  "countries": [\n')
        fh.write(",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in rows))
        fh.write("\n  ]\n}\n")
    print(f"wrote {len(rows)} countries to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
