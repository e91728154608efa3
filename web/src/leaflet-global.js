// leaflet.markercluster extends the global ``L``; this module makes it exist before
// the plugin is evaluated (imports run in order).
import L from 'leaflet';

window.L = L;
export default L;
